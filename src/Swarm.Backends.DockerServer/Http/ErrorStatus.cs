using Swarm.Core.Beam;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>Which HTTP status each Beam error kind becomes.</summary>
internal static class ErrorStatus
{
    public static int Of(BeamErrorKind kind) => kind switch
    {
        BeamErrorKind.NotFound => 404,
        BeamErrorKind.Conflict => 409,
        BeamErrorKind.Invalid => 400,
        BeamErrorKind.NotImplemented => 501,
        BeamErrorKind.Unavailable => 503,
        BeamErrorKind.Unauthorized => 401,
        _ => 500,
    };
}
