namespace HEPrune.Core.Data.Loaders;

/// <summary>One face box of the Face Mask Detection annotations: its source image, position, class and HETAL label.</summary>
/// <param name="BoxIndex">The global box number n (crop file <c>box{n}.png</c>).</param>
/// <param name="ImageFile">The full image, e.g. <c>maksssksksss0.png</c>.</param>
/// <param name="ObjectIndex">The object's position in that image's XML.</param>
/// <param name="XMin">Left edge (inclusive).</param>
/// <param name="YMin">Top edge (inclusive).</param>
/// <param name="XMax">Right edge (exclusive, as in PIL's crop).</param>
/// <param name="YMax">Bottom edge (exclusive).</param>
/// <param name="ClassName">with_mask, mask_weared_incorrect or without_mask.</param>
/// <param name="Label">0 with_mask, 1 mask_weared_incorrect, 2 without_mask.</param>
public readonly record struct FaceMaskBox(int BoxIndex, string ImageFile, int ObjectIndex, int XMin, int YMin, int XMax, int YMax, string ClassName, int Label)
{
    /// <summary>The crop width, xmax - xmin.</summary>
    public int Width => XMax - XMin;

    /// <summary>The crop height, ymax - ymin.</summary>
    public int Height => YMax - YMin;
}
