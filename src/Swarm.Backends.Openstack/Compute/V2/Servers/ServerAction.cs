using System.Text.Json.Serialization;

namespace Swarm.Backends.Openstack.Compute.V2;

/// <summary>
/// The body of <c>POST /servers/{id}/action</c>: exactly one action is set (nulls are not written). Nova takes
/// <c>{}</c> as the argument of the actions without one.
/// </summary>
internal sealed record ServerAction
{
    [JsonPropertyName("os-start")]
    public NoArgument? Start { get; init; }

    [JsonPropertyName("os-stop")]
    public NoArgument? Stop { get; init; }

    [JsonPropertyName("reboot")]
    public RebootArgument? Reboot { get; init; }

    [JsonPropertyName("pause")]
    public NoArgument? Pause { get; init; }

    [JsonPropertyName("unpause")]
    public NoArgument? Unpause { get; init; }

    [JsonPropertyName("resume")]
    public NoArgument? Resume { get; init; }

    [JsonPropertyName("os-getConsoleOutput")]
    public ConsoleArgument? ConsoleOutput { get; init; }

    /// <summary>The action's name, for messages and logs.</summary>
    [JsonIgnore]
    public string Name { get; private init; } = "";

    public static ServerAction OsStart { get; } = new() { Start = NoArgument.Value, Name = "os-start" };

    public static ServerAction OsStop { get; } = new() { Stop = NoArgument.Value, Name = "os-stop" };

    public static ServerAction SoftReboot { get; } = new() { Reboot = new RebootArgument("SOFT"), Name = "reboot SOFT" };

    public static ServerAction HardReboot { get; } = new() { Reboot = new RebootArgument("HARD"), Name = "reboot HARD" };

    public static ServerAction PauseServer { get; } = new() { Pause = NoArgument.Value, Name = "pause" };

    public static ServerAction UnpauseServer { get; } = new() { Unpause = NoArgument.Value, Name = "unpause" };

    public static ServerAction ResumeServer { get; } = new() { Resume = NoArgument.Value, Name = "resume" };

    public static ServerAction Console(int? length) => new() { ConsoleOutput = new ConsoleArgument(length), Name = "os-getConsoleOutput" };
}

/// <summary>An action that takes no argument: written as <c>{}</c>.</summary>
internal sealed record NoArgument
{
    public static NoArgument Value { get; } = new();
}

/// <summary>The argument of <c>reboot</c>.</summary>
internal sealed record RebootArgument([property: JsonPropertyName("type")] string Type);

/// <summary>The argument of <c>os-getConsoleOutput</c>: the last <c>length</c> lines, or all.</summary>
internal sealed record ConsoleArgument([property: JsonPropertyName("length")] int? Length);
