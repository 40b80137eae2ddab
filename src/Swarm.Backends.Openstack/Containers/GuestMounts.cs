using System.Text;

namespace Swarm.Backends.Openstack.Containers;

/// <summary>
/// The user data swarmd gives a server with volumes (<c>--volume-setup=user-data</c>, the default): a shell script
/// that cloud-init (and cirros' init) runs once, at the first boot. For each volume it finds the disk by the Cinder
/// volume's id (<c>/dev/disk/by-id/*ID</c>: the hypervisor sets the disk's serial to it, cut to 20 characters for
/// virtio-blk), makes an ext4 file system on it if it has none (a new volume; an old one keeps its data), and mounts it
/// at the container's path, read-only when asked, recorded in <c>/etc/fstab</c> so a reboot mounts it again.
/// </summary>
internal static class GuestMounts
{
    /// <summary>The script for <paramref name="mounts"/>.</summary>
    public static string Script(IReadOnlyList<MountEntry> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        var script = new StringBuilder("""
            #!/bin/sh
            # swarmd: format (first use only) and mount this container's Cinder volumes.
            mount_volume() {
              id="$1"; path="$2"; options="$3"; short=$(echo "$id" | cut -c1-20); dev=""
              tries=0
              while [ -z "$dev" ] && [ "$tries" -lt 120 ]; do
                for candidate in /dev/disk/by-id/*"$id"* /dev/disk/by-id/*"$short"*; do
                  if [ -b "$candidate" ]; then dev="$candidate"; break; fi
                done
                [ -n "$dev" ] || { tries=$((tries + 1)); sleep 1; }
              done
              if [ -z "$dev" ]; then echo "swarmd: no disk for volume $id" >&2; return 1; fi
              blkid "$dev" >/dev/null 2>&1 || mkfs.ext4 -q "$dev"
              mkdir -p "$path"
              mount -o "$options" "$dev" "$path" && echo "$dev $path ext4 $options,nofail 0 2" >> /etc/fstab
            }

            """.ReplaceLineEndings("\n"));
        foreach (var mount in mounts)
        {
            script.Append("mount_volume ").Append(Quote(mount.VolumeId)).Append(' ').Append(Quote(mount.Destination)).Append(' ')
                .Append(mount.ReadOnly ? "ro" : "rw").Append('\n');
        }

        return script.ToString();
    }

    /// <summary>The script as Nova takes it: base64.</summary>
    public static string UserData(IReadOnlyList<MountEntry> mounts) => Convert.ToBase64String(Encoding.UTF8.GetBytes(Script(mounts)));

    // A shell word: single quotes, each ' written as '\''.
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
