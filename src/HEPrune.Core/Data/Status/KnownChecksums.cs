namespace HEPrune.Core.Data.Status;

/// <summary>Reference checksums: sha256 of the shared dataset files (from shared/datasets/README.md) and the official md5 of the MNIST/Fashion-MNIST archives.</summary>
public static class KnownChecksums
{
    /// <summary>sha256 of each file of the shared datasets folder, by dataset and file name.</summary>
    public static IReadOnlyDictionary<(DatasetId, string), string> Sha256 { get; } = new Dictionary<(DatasetId, string), string>
    {
        [(DatasetId.Cifar10, "batches.meta.txt")] = "558e74b5e208382e186da55784b4bac2cd52e558448e1b5800990fdb28ed8033",
        [(DatasetId.Cifar10, "data_batch_1.bin")] = "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
        [(DatasetId.Cifar10, "data_batch_2.bin")] = "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
        [(DatasetId.Cifar10, "data_batch_3.bin")] = "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
        [(DatasetId.Cifar10, "data_batch_4.bin")] = "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
        [(DatasetId.Cifar10, "data_batch_5.bin")] = "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
        [(DatasetId.Cifar10, "test_batch.bin")] = "8314c96d7cd65618193bab23acdd5d4c4af15bf6dd00a1781d55beedf3be1ef5",
        [(DatasetId.DermaMnist, "dermamnist.npz")] = "2480b682476168ea388c0249b900aab96b4c6442a00fc661344e14ecb4686280",
        [(DatasetId.FaceMask, "annotations.tar.gz")] = "97e007ea9fdd45425464485e8a9c4efc50df7c325aff763893ff46b435d82f66",
        [(DatasetId.FaceMask, "box-images.tar")] = "bad25694e925912ee93c44d1f6737e1fccda86d4efa59590368b1ca5777f5786",
        [(DatasetId.FaceMask, "box_labels.csv")] = "fba4fe6723c477f22413a9fa40ce1cc1a962dafa6c9157e30fb048f3ca2c6340",
        [(DatasetId.FaceMask, "hetal_split.csv")] = "448947316c5a5f5cd4499118f8b24daa7c115c853b47b0d2a7c0d3df63a91b84",
        [(DatasetId.Snips, "dev.txt")] = "9d41ccfd6d605807547a8bab4db24186fe40d183f1efb60c9e8b7577c65baf01",
        [(DatasetId.Snips, "test.txt")] = "517316439c0b81e70ed55039d5ae1bff90e076323c223904e0feb5686a2d1475",
        [(DatasetId.Snips, "train.txt")] = "89ecbcd0aea5a9e239e76188f3c736eaf39aa8eb7bf0d1141219b3b01b826416",
    };

    /// <summary>Official md5 of the gzip archives as published (torchvision's resource lists), by dataset and file name.</summary>
    public static IReadOnlyDictionary<(DatasetId, string), string> Md5 { get; } = new Dictionary<(DatasetId, string), string>
    {
        [(DatasetId.Mnist, "train-images-idx3-ubyte.gz")] = "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        [(DatasetId.Mnist, "train-labels-idx1-ubyte.gz")] = "d53e105ee54ea40749a09fcbcd1e9432",
        [(DatasetId.Mnist, "t10k-images-idx3-ubyte.gz")] = "9fb629c4189551a2d022fa330f9573f3",
        [(DatasetId.Mnist, "t10k-labels-idx1-ubyte.gz")] = "ec29112dd5afa0611ce80d1b7f02629c",
        [(DatasetId.FashionMnist, "train-images-idx3-ubyte.gz")] = "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        [(DatasetId.FashionMnist, "train-labels-idx1-ubyte.gz")] = "25c81989df183df01b3e8a0aad5dffbe",
        [(DatasetId.FashionMnist, "t10k-images-idx3-ubyte.gz")] = "bef4ecab320f06d8554ea6380940ec79",
        [(DatasetId.FashionMnist, "t10k-labels-idx1-ubyte.gz")] = "bb300cfdad3c16e7a12a480ee83cd310",
    };
}
