using System.Net;
using BareKestrel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The floor dockerserver is measured against: the same Kestrel setup (empty builder, Kestrel core only,
// HTTP/1.1, no Server header, no routing middleware), answering each path with bytes captured from
// dockerserver. What dockerserver costs above this is its own work: Beam calls, filtering, JSON.
var options = BareOptions.Parse(args);
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "BareKestrel" });
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, options.Port, o => o.Protocols = HttpProtocols.Http1);
});
var app = builder.Build();
app.Run(async context =>
{
    if (!options.Routes.TryGetValue(context.Request.Path.Value ?? "", out var body))
    {
        context.Response.StatusCode = 404;
        return;
    }

    var response = context.Response;
    response.StatusCode = 200;
    foreach (var (name, value) in options.Headers)
    {
        response.Headers[name] = value;
    }

    response.ContentLength = body.Length;
    await response.Body.WriteAsync(body, context.RequestAborted);
});
await app.RunAsync();
