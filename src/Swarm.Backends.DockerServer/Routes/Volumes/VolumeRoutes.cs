using Swarm.Backends.DockerServer.Http;
using Swarm.Backends.DockerServer.Wire;
using Swarm.Core.Beam;
using Swarm.Core.Containers;

namespace Swarm.Backends.DockerServer.Routes;

/// <summary>
/// <c>/volumes</c>: list and inspect (the Volumes verb), create, remove and prune. Each route sends one verb, except
/// prune (one VolumeDelete per candidate).
/// </summary>
internal static class VolumeRoutes
{
    public static async Task ListAsync(DockerCall call)
    {
        var filter = new VolumeFilter(Filters.Parse(Query.Get(call.Request, "filters")));
        var volumes = await call.Host.ListVolumesAsync(call.Aborted).ConfigureAwait(false);
        var items = volumes.Where(filter.Matches).Select(Resource).ToArray();
        await JsonResponse.WriteAsync(call.Response, 200, new VolumeListResponse(items, []), DockerJson.Default.VolumeListResponse, call.Aborted).ConfigureAwait(false);
    }

    /// <remarks>
    /// Generic <c>docker inspect NAME</c> tries containers, images, networks, then volumes, and moves on only on a 404:
    /// a backend without volumes has no volume of that name.
    /// </remarks>
    public static async Task InspectAsync(DockerCall call, string name)
    {
        VolumeRecord volume;
        try
        {
            volume = await call.Host.GetVolumeAsync(name, call.Aborted).ConfigureAwait(false);
        }
        catch (BeamException ex) when (ex.Kind == BeamErrorKind.NotImplemented)
        {
            throw DockerVolumes.NotFound(name);
        }

        await JsonResponse.WriteAsync(call.Response, 200, Resource(volume), DockerJson.Default.VolumeResource, call.Aborted).ConfigureAwait(false);
    }

    public static async Task CreateAsync(DockerCall call)
    {
        var body = await RequestBody.ReadAsync(call.Request, DockerRequestJson.Default.VolumeCreateBody, call.Aborted).ConfigureAwait(false) ?? new VolumeCreateBody();
        var spec = new VolumeSpec
        {
            Name = body.Name ?? "",
            Driver = body.Driver ?? "",
            DriverOpts = body.DriverOpts ?? [],
            Labels = body.Labels ?? [],
        };
        var volume = await call.Host.CreateVolumeAsync(spec, call.Aborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(call.Response, 201, Resource(volume), DockerJson.Default.VolumeResource, call.Aborted).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(DockerCall call, string name)
    {
        await call.Host.DeleteVolumeAsync(name, Query.Bool(call.Request, "force"), call.Aborted).ConfigureAwait(false);
        await call.NoContentAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the volumes no container mounts: from API 1.42 only anonymous ones unless the filter <c>all=true</c>, as
    /// dockerd 23+ does; a volume in use (or gone meanwhile) is skipped.
    /// </summary>
    public static async Task PruneAsync(DockerCall call)
    {
        var filters = Filters.Parse(Query.Get(call.Request, "filters")).Accept("label", "label!", "all");
        var all = filters.Get("all").Any(v => v is "true" or "1") || ApiVersion.Compare(call.Version, "1.42") < 0;
        var volumes = await call.Host.ListVolumesAsync(call.Aborted).ConfigureAwait(false);
        var deleted = new List<string>();
        foreach (var volume in volumes.Where(v => v.Containers.Count == 0 && (all || v.Anonymous)
            && ContainerFilter.LabelsMatch(filters.Get("label"), v.Labels)
            && !filters.Get("label!").Any(l => ContainerFilter.LabelsMatch([l], v.Labels))))
        {
            try
            {
                await call.Host.DeleteVolumeAsync(volume.Name, force: false, call.Aborted).ConfigureAwait(false);
                deleted.Add(volume.Name);
            }
            catch (BeamException ex) when (ex.Kind is BeamErrorKind.Conflict or BeamErrorKind.NotFound)
            {
                // In use (or gone meanwhile): a prune leaves it.
            }
        }

        await JsonResponse.WriteAsync(call.Response, 200, new VolumePruneResponse(deleted, 0), DockerJson.Default.VolumePruneResponse, call.Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// After <c>docker rm -v</c> (<c>v=1</c>) removed a container: its anonymous volumes go too, as dockerd's do; one another
    /// container mounts, or that is gone already, stays as it is.
    /// </summary>
    public static async Task RemoveAnonymousAsync(DockerCall call, ContainerRecord removed)
    {
        foreach (var mount in removed.Mounts.Where(m => m.Type == MountType.Volume && m.Name.Length > 0))
        {
            try
            {
                if ((await call.Host.GetVolumeAsync(mount.Name, call.Aborted).ConfigureAwait(false)).Anonymous)
                {
                    await call.Host.DeleteVolumeAsync(mount.Name, force: false, call.Aborted).ConfigureAwait(false);
                }
            }
            catch (BeamException ex) when (ex.Kind is BeamErrorKind.Conflict or BeamErrorKind.NotFound or BeamErrorKind.NotImplemented)
            {
                // Another container mounts it, or it is gone: dockerd leaves it too.
            }
        }
    }

    private static VolumeResource Resource(VolumeRecord v) => new()
    {
        Name = v.Name,
        Driver = v.Driver,
        Mountpoint = v.Mountpoint,
        CreatedAt = DockerText.Rfc3339(v.Created),
        Labels = v.Labels,
        Options = v.Options,
        Scope = v.Scope,
        Status = v.Status.Count > 0 ? v.Status : null,
    };
}
