using System.Text.Json;
using Swarm.Core.Beam;
using Swarm.Core.Containers;
using Swarm.Tests.Conformance;

namespace Swarm.Tests.Beam;

/// <summary>Every verb's request and reply bodies survive their string form: encode, decode, same body.</summary>
public sealed class BeamCodecTests
{
    private static readonly DateTimeOffset When = new(2026, 12, 1, 10, 30, 15, TimeSpan.Zero);

    private static readonly ContainerRecord Record = new()
    {
        Id = new string('a', 64),
        Name = "web",
        Image = "cirros",
        ImageId = "sha256:" + new string('b', 64),
        Cmd = ["sh", "-c", "echo hi"],
        Env = ["A=1", "SECRET=s3cret"],
        Labels = new Dictionary<string, string> { ["com.example"] = "x" },
        Created = When,
        State = new ContainerState { Status = ContainerStatus.Running, StartedAt = When, Detail = "booting" },
        Ports = [new PortMapping(80, "tcp", 8080, "0.0.0.0")],
        PortBindings = [new PortMapping(80, "tcp", 8080, "172.24.4.57")],
        Mounts = [new MountPoint { Name = "data", Source = "0b7c1c6e", Destination = "/data", Driver = "cinder", RW = false, Mode = "ro" }],
        Memory = 64 * 1024 * 1024,
        NetworkMode = "proj_default",
        Networks = [new NetworkEndpoint { Network = "proj_default", NetworkId = "n1", EndpointId = "e1", IPAddress = "172.18.5.2", IPPrefixLen = 16, Gateway = "172.18.0.1", MacAddress = "02:42:ac:12:00:02", Aliases = ["web"], RequestedIPv4 = "172.18.5.2" }],
        Details = new Dictionary<string, string> { ["flavor"] = "m1.tiny" },
    };

    private static readonly NetworkRecord Network = new()
    {
        Id = new string('f', 64),
        Name = "proj_default",
        Created = When,
        Ipam = new NetworkIpam { Driver = "default", Config = [new IpamConfig { Subnet = "172.18.0.0/16", Gateway = "172.18.0.1", IPRange = "172.18.5.0/24" }] },
        Options = new Dictionary<string, string> { ["com.docker.network.driver.mtu"] = "1400" },
        Labels = new Dictionary<string, string> { ["com.docker.compose.config-hash"] = new string('9', 64) },
        Containers = [new NetworkAttachment { ContainerId = new string('a', 64), Name = "web", EndpointId = "e1", MacAddress = "02:42:ac:12:00:02", IPv4Address = "172.18.5.2/16" }],
        Details = new Dictionary<string, string> { ["neutron_network"] = "n1" },
    };

    private static readonly VolumeRecord Volume = new()
    {
        Name = "proj_data",
        Driver = "cinder",
        Mountpoint = "0b7c1c6e-1111-2222-3333-444455556666",
        Created = When,
        Options = new Dictionary<string, string> { ["size"] = "2", ["type"] = "nfs" },
        Labels = new Dictionary<string, string> { ["com.docker.compose.project"] = "proj", [DockerVolumes.AnonymousLabel] = "" },
        Containers = [new string('a', 64)],
        Status = new Dictionary<string, string> { ["cinder_status"] = "in-use" },
    };

    private static readonly ImageRecord Image = new() { Id = "sha256:" + new string('c', 64), RepoTags = ["cirros:latest"], Created = When, Size = 12, Cmd = ["/sbin/init"] };

    // One row per verb that can be a request: the request body, and the body of its terminal success reply.
    public static IEnumerable<TestCaseData> Requests()
    {
        yield return Case(Verb.Resolve, new ReferenceBody("web"), new ContainerBody(Record));
        yield return Case(Verb.Connect, EmptyBody.Instance, EmptyBody.Instance);
        yield return Case(Verb.Get, EmptyBody.Instance, new ContainerBody(Record), BeamTarget.Container);
        yield return Case(Verb.Get, EmptyBody.Instance, new HostInfoBody(new HostInfo { Id = "h", Name = "sim", Driver = "simulator", Containers = 3, Status = [new("k", "v")] }));
        yield return Case(Verb.List, EmptyBody.Instance, new ContainerListBody([Record, Record with { Id = new string('d', 64), Name = "db" }]));
        yield return Case(Verb.Create, new SpecBody(new ContainerSpec
        {
            Name = "web",
            Image = "cirros",
            Env = ["A=1"],
            Memory = 1024,
            PortBindings = [new PortMapping(80, "tcp", 8080)],
            PublishAllPorts = true,
            Mounts = [new MountSpec { Source = "data", Target = "/data", ReadOnly = true, Mode = "ro" }, new MountSpec { Type = MountType.Tmpfs, Target = "/tmp" }],
        }), new ContainerBody(Record));
        yield return Case(Verb.Start, EmptyBody.Instance, new ChangedBody(false));
        yield return Case(Verb.Stop, new TimeoutBody(TimeSpan.FromSeconds(10)), new ChangedBody(true));
        yield return Case(Verb.Stop, new TimeoutBody(null), new ChangedBody(false));
        yield return Case(Verb.Watch, new WatchBody(new WatchOptions(When, When.AddMinutes(1))), EmptyBody.Instance);
        yield return Case(Verb.Delete, new DeleteBody(true), EmptyBody.Instance);
        yield return Case(Verb.Restart, new TimeoutBody(TimeSpan.FromSeconds(3)), EmptyBody.Instance);
        yield return Case(Verb.Kill, new SignalBody("SIGTERM"), EmptyBody.Instance);
        yield return Case(Verb.Pause, EmptyBody.Instance, EmptyBody.Instance);
        yield return Case(Verb.Unpause, EmptyBody.Instance, EmptyBody.Instance);
        yield return Case(Verb.Rename, new NameBody("web2"), EmptyBody.Instance);
        yield return Case(Verb.Logs, new LogOptionsBody(new LogOptions { Follow = true, Tail = 5, Since = When, Stderr = false }), EmptyBody.Instance);
        yield return Case(Verb.Wait, new WaitBody(WaitCondition.NextExit), new WaitResultBody(new WaitResult(137, "killed")));
        yield return Case(Verb.Images, new ImageQueryBody("cirros"), new ImageListBody([Image]));
        yield return Case(Verb.Images, new ImageQueryBody(null), new ImageListBody([Image, Image with { Id = "sha256:" + new string('e', 64) }]));
        yield return Case(Verb.Networks, new NetworkQueryBody("proj_default"), new NetworkListBody([Network]));
        yield return Case(Verb.Networks, new NetworkQueryBody(null), new NetworkListBody([Network, Network with { Id = new string('0', 64), Name = "bridge", Predefined = true }]));
        yield return Case(Verb.NetworkCreate, new NetworkSpecBody(new NetworkSpec { Name = "proj_default", Driver = "bridge", Internal = true, EnableIPv6 = true, Ipam = Network.Ipam, Labels = Network.Labels }), new NetworkBody(Network));
        yield return Case(Verb.NetworkDelete, new ReferenceBody("proj_default"), EmptyBody.Instance);
        yield return Case(Verb.NetworkConnect, new EndpointBody(new EndpointSpec { Network = "proj_default", Aliases = ["db"], IPv4Address = "172.18.0.9" }), EmptyBody.Instance, BeamTarget.Container);
        yield return Case(Verb.NetworkDisconnect, new DisconnectBody("proj_default", true), EmptyBody.Instance, BeamTarget.Container);
        yield return Case(Verb.Volumes, new VolumeQueryBody("proj_data"), new VolumeListBody([Volume]));
        yield return Case(Verb.Volumes, new VolumeQueryBody(null), new VolumeListBody([Volume, Volume with { Name = "other", Containers = [] }]));
        yield return Case(Verb.VolumeCreate, new VolumeSpecBody(new VolumeSpec { Name = "proj_data", Driver = "cinder", DriverOpts = Volume.Options, Labels = Volume.Labels }), new VolumeBody(Volume));
        yield return Case(Verb.VolumeDelete, new VolumeDeleteBody("proj_data", true), EmptyBody.Instance);
        yield return Case(Verb.VolumeDelete, new VolumeDeleteBody("proj_data", false), EmptyBody.Instance);
    }

    [TestCaseSource(nameof(Requests))]
    public void Request_EncodedThenDecoded_SameBody(Verb verb, BeamBody request, BeamBody reply, BeamTarget target)
    {
        var decoded = BeamCodec.DecodeRequest(verb, request.Encode());

        Assert.That(Json(decoded), Is.EqualTo(Json(request)));
        Assert.That(decoded.GetType(), Is.EqualTo(request.GetType()));
    }

    [TestCaseSource(nameof(Requests))]
    public void Reply_EncodedThenDecoded_SameBody(Verb verb, BeamBody request, BeamBody reply, BeamTarget target)
    {
        var replyVerb = reply is HostInfoBody or ContainerListBody or ImageListBody or NetworkListBody or VolumeListBody || (verb == Verb.Get) ? Verb.Set : Verb.Ack;

        var decoded = BeamCodec.DecodeReply(verb, target, replyVerb, reply.Encode());

        Assert.That(Json(decoded), Is.EqualTo(Json(reply)));
        Assert.That(decoded.GetType(), Is.EqualTo(reply.GetType()));
    }

    [Test]
    public void Reply_StreamedAndError_SameBody()
    {
        var log = new LogBody(new LogEntry(LogStream.Stderr, When, "oops\n"));
        var e = new EventBody(new ContainerEvent { Action = "die", Id = "x", Name = "web", Image = "cirros", Time = When, Attributes = new Dictionary<string, string> { ["exitCode"] = "1" } });
        var error = new ErrorBody(BeamErrorKind.Conflict, "name in use");

        Assert.That(Json(BeamCodec.DecodeReply(Verb.Logs, BeamTarget.Container, Verb.Log, log.Encode())), Is.EqualTo(Json(log)));
        Assert.That(Json(BeamCodec.DecodeReply(Verb.Watch, BeamTarget.Instance, Verb.Event, e.Encode())), Is.EqualTo(Json(e)));
        Assert.That(BeamCodec.DecodeReply(Verb.Start, BeamTarget.Container, Verb.Error, error.Encode()), Is.EqualTo(error));
    }

    [Test]
    public void Every_RequestVerb_HasARow()
    {
        var covered = Requests().Select(c => (Verb)c.Arguments[0]!).ToHashSet();
        var requests = Enum.GetValues<Verb>().Where(v => v is not (Verb.Ack or Verb.Error or Verb.Log or Verb.Set or Verb.Event or Verb.File));

        Assert.That(requests, Is.SubsetOf(covered));
    }

    [Test]
    public void Describe_SpecWithEnvAndLabels_MasksTheValues()
    {
        var body = new SpecBody(new ContainerSpec { Image = "cirros", Env = ["PASSWORD=hunter2"], Labels = new Dictionary<string, string> { ["token"] = "abc123" } });

        var line = BeamCodec.Describe(Verb.Create, body);

        Assert.That(line, Does.Contain("PASSWORD=***").And.Contain("\"token\":\"***\""));
        Assert.That(line, Does.Not.Contain("hunter2").And.Not.Contain("abc123"));
    }

    [Test]
    public void Describe_NetworkSpecWithLabels_MasksTheValues()
    {
        var body = new NetworkSpecBody(new NetworkSpec { Name = "n", Labels = new Dictionary<string, string> { ["token"] = "abc123" } });

        var line = BeamCodec.Describe(Verb.NetworkCreate, body);

        Assert.That(line, Does.Contain("\"token\":\"***\"").And.Not.Contain("abc123"));
    }

    [Test]
    public void Describe_VolumeSpecWithLabels_MasksTheValues()
    {
        var body = new VolumeSpecBody(new VolumeSpec { Name = "v", Labels = new Dictionary<string, string> { ["token"] = "abc123" } });

        var line = BeamCodec.Describe(Verb.VolumeCreate, body);

        Assert.That(line, Does.Contain("\"token\":\"***\"").And.Not.Contain("abc123"));
    }

    [Test]
    public async Task List_ThroughDebugHop_SameRecordsAsTheStringForm()
    {
        await using var chain = await TestChains.StartAsync("debug", "simulator");
        var host = new ContainerHostClient(chain.Input);
        await host.CreateAsync(new ContainerSpec { Name = "one", Image = "cirros", Labels = new Dictionary<string, string> { ["k"] = "v" } }, CancellationToken.None);
        await host.CreateAsync(new ContainerSpec { Name = "two", Image = "busybox" }, CancellationToken.None);

        var typed = await host.ListAsync(CancellationToken.None);
        var reply = await BeamClient.CallAsync(chain.Input, Verb.List, null, CancellationToken.None);
        var parsed = ((ContainerListBody)BeamCodec.DecodeReply(Verb.List, BeamTarget.Instance, Verb.Set, reply.Body.Encode())).Containers;

        Assert.That(parsed.Select(r => (r.Id, r.Name, r.Image, r.State.Status)), Is.EqualTo(typed.Select(r => (r.Id, r.Name, r.Image, r.State.Status))));
        Assert.That(parsed.Single(r => r.Name == "one").Labels["k"], Is.EqualTo("v"));
    }

    private static TestCaseData Case(Verb verb, BeamBody request, BeamBody reply, BeamTarget target = BeamTarget.Instance) =>
        new TestCaseData(verb, request, reply, target).SetArgDisplayNames(verb.ToString(), request.GetType().Name, reply.GetType().Name, target.ToString());

    // Bodies hold lists and dictionaries, which records compare by reference: compare their string form instead.
    private static string Json(BeamBody body) => JsonSerializer.Serialize(body.Encode());
}
