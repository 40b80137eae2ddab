namespace Swarm.Backends.Openstack.Http;

/// <summary>Gives the current token and takes back one the cloud refused.</summary>
internal interface ITokenSource
{
    /// <summary>A valid token, authenticating when there is none or it is about to expire.</summary>
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>Forgets <paramref name="token"/> if it is still the current one (after a 401).</summary>
    void Invalidate(string token);
}
