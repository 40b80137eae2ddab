using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Swarm.Backends.DockerServer.Wire;

namespace Swarm.Backends.DockerServer.Http;

/// <summary>Writes JSON the way dockerd does: <c>application/json</c>, a <c>Content-Length</c>, a trailing newline.</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json";

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static async Task WriteAsync<T>(HttpResponse response, int status, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var buffer = RenderPooled(value, typeInfo);
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a body rendered before (<see cref="Render{T}"/>) as <see cref="WriteAsync{T}"/> would write its value.</summary>
    public static Task WriteAsync(HttpResponse response, int status, byte[] body, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, cancellationToken).AsTask();
    }

    /// <summary>The bytes <see cref="WriteAsync{T}"/> would send for <paramref name="value"/>, as an array of their own (to keep).</summary>
    public static byte[] Render<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = RenderPooled(value, typeInfo);
        return buffer.WrittenMemory.ToArray();
    }

    public static Task ErrorAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, status, new ErrorResponse(message), DockerJson.Default.ErrorResponse, cancellationToken);

    /// <summary>Writes one NDJSON line of a stream and flushes it, so the client sees it at once.</summary>
    public static async Task WriteLineAsync<T>(Stream body, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var buffer = RenderPooled(value, typeInfo);
        await body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a streamed JSON response and sends its headers now (clients wait for them before going on).</summary>
    public static async Task StartStreamAsync(HttpResponse response, string contentType, CancellationToken cancellationToken)
    {
        response.StatusCode = 200;
        response.ContentType = contentType;
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static PooledBuffer RenderPooled<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new PooledBuffer();
        var writer = t_writer;
        if (writer is null)
        {
            t_writer = writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
        }
        finally
        {
            writer.Reset(Stream.Null);
        }

        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer;
    }
}
