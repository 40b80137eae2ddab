using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>Reads a JSON request body with a size limit; anything wrong with it is a 400, never a 500.</summary>
internal static class RequestBody
{
    /// <summary>The largest body accepted (the CLI's create body is about 3 KiB).</summary>
    public const int Limit = 1024 * 1024;

    /// <summary>The parsed body, or null when there is none.</summary>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        CheckJson(request);
        if (request.ContentLength > Limit)
        {
            throw TooLarge();
        }

        // Every read is consumed to its end (copied when the body comes in pieces): a read that "examined" more
        // than it consumed leaves Kestrel unable to drain the body after a client broke it off.
        var reader = request.BodyReader;
        PooledBuffer? pieces = null;
        try
        {
            while (true)
            {
                var result = await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                if ((pieces?.Length ?? 0) + buffer.Length > Limit)
                {
                    reader.AdvanceTo(buffer.End);
                    throw TooLarge();
                }

                if (result.IsCompleted && pieces is null)
                {
                    try
                    {
                        return Parse(buffer, typeInfo);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.End);
                    }
                }

                pieces ??= new PooledBuffer();
                foreach (var segment in buffer)
                {
                    pieces.Write(segment.Span);
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    return Parse(new ReadOnlySequence<byte>(pieces.WrittenMemory), typeInfo);
                }
            }
        }
        finally
        {
            pieces?.Dispose();
        }
    }

    private static async ValueTask<ReadResult> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's limit is above ours, so only a body arriving in one piece larger than both gets here.
            throw TooLarge();
        }
    }

    private static T? Parse<T>(ReadOnlySequence<byte> buffer, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (IsBlank(buffer))
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(buffer);
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (JsonException ex)
        {
            throw DockerHttpException.BadRequest(JsonBodyError.Describe(buffer, ex, typeInfo));
        }
    }

    /// <summary>
    /// dockerd's <c>CheckForJSON</c>: a body must say <c>application/json</c> (parameters such as a charset allowed);
    /// no Content-Type is fine only without a body.
    /// </summary>
    private static void CheckJson(HttpRequest request)
    {
        var contentType = request.Headers.ContentType.ToString();
        if (contentType.Length == 0 && (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding"))))
        {
            return;
        }

        MediaTypeHeaderValue? parsed = null;
        if (contentType.Length > 0 && !MediaTypeHeaderValue.TryParse(contentType, out parsed))
        {
            throw DockerHttpException.BadRequest($"malformed Content-Type header ({contentType})");
        }

        if (parsed is null || !parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw DockerHttpException.BadRequest($"unsupported Content-Type header ({contentType}): must be 'application/json'");
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static DockerHttpException TooLarge() =>
        DockerHttpException.BadRequest($"request body is too large: the limit is {Limit / 1024 / 1024} MiB");
}
