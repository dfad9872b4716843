namespace HEPrune.Core.He.Ckks;

/// <summary>How a CKKS backend built on a bootstrapping parameter set serves refresh points.</summary>
public enum CkksRefresh
{
    /// <summary>No bootstrapping keys and no refresher: refresh points go to the client (install a <c>ClientAidedRefresher</c>).</summary>
    Client,

    /// <summary>The server bootstraps (keys generated on the client; only public evaluation keys reach the evaluator).</summary>
    Bootstrap,
}
