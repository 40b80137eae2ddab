namespace Swarm.Core.Backends.Simulator;

/// <summary>Docker-style generated names (<c>brave_turing</c>) for containers created without one.</summary>
internal static class SimNames
{
    private static readonly string[] Adjectives =
        ["brave", "calm", "eager", "fervent", "gentle", "happy", "jolly", "keen", "lucid", "merry", "nifty", "quirky", "serene", "vibrant", "zen"];

    private static readonly string[] Surnames =
        ["babbage", "curie", "darwin", "euler", "feynman", "gauss", "hopper", "kepler", "lovelace", "noether", "pascal", "ritchie", "shannon", "turing", "wozniak"];

    public static string Next(Func<string, bool> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = $"{Adjectives[Random.Shared.Next(Adjectives.Length)]}_{Surnames[Random.Shared.Next(Surnames.Length)]}";
            name = attempt < 10 ? name : $"{name}{attempt}";
            if (!taken(name))
            {
                return name;
            }
        }
    }
}
