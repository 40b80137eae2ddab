#!/usr/bin/env bash
# Packs every NuGet package of the repository into one folder feed (default: artifacts/packages):
#   - each library whose csproj sets <IsPackable>true</IsPackable> (Swarm.Core, Swarm.Backends.DockerServer,
#     Swarm.Backends.Openstack, Swarm.Testing, and any added later: nothing to change here), with its .snupkg symbols;
#   - the swarmd .NET tool: the package `dotnet tool install swarmd` resolves (swarmd), which points at
#     swarmd.linux-x64 (Native AOT) on linux-x64 and at swarmd.any (framework-dependent) everywhere else.
# The Native AOT package needs this machine to be linux-x64 with clang or gcc and zlib (docs/install.md).
#   scripts/pack.sh [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mkdir -p "${1:-artifacts/packages}" && cd "${1:-artifacts/packages}" && pwd)"
rm -f "$out"/*.nupkg "$out"/*.snupkg
log() { printf '[pack.sh %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

mapfile -t projects < <(find src tests benchmarks -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | xargs grep -l '<IsPackable>true</IsPackable>' | sort)
for project in "${projects[@]}"; do
  log "dotnet pack $project"
  dotnet pack "$project" -c Release -o "$out" --nologo -v q
done
# The tool's platform packages (the loop above made the pointer package, since Swarmd is packable too).
log "dotnet pack src/Swarmd -r linux-x64 (Native AOT)"
dotnet pack src/Swarmd/Swarmd.csproj -c Release -r linux-x64 -o "$out" --nologo -v q
log "dotnet pack src/Swarmd -r any (framework-dependent)"
dotnet pack src/Swarmd/Swarmd.csproj -c Release -r any -o "$out" --nologo -v q
ls -1 "$out"
