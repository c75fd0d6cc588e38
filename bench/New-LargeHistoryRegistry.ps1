<#
.SYNOPSIS
    Generates a registry whose history holds a lot of file content (random, incompressible data) and one small
    artifact, served as a bare repository that allows partial-clone filters: the input of Measure-PartialClone.ps1.

.DESCRIPTION
    The work repository gets -Files commits, each adding one file of -FileMB megabytes of random bytes under data/
    (the history's weight), then a commit with artifacts.yaml and the small artifact 'model' (models/model.txt,
    a few bytes), tagged model@v1.0.0 and model#prod#1. It is cloned bare to <Path>/server.git with
    uploadpack.allowFilter=true (and core.bigFileThreshold=1m, so git does not try to delta random data).
    Returns the server's file:// URL. The data never enters the test suite; delete <Path> when done.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/New-LargeHistoryRegistry.ps1 -Path /tmp/gto-bench-large
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [ValidateRange(1, 1000)] [int] $Files = 20,
    [ValidateRange(1, 1024)] [int] $FileMB = 26
)
$ErrorActionPreference = 'Stop'

function Invoke-Git([string] $Repo, [string[]] $Arguments) {
    & git -C $Repo @Arguments
    if ($LASTEXITCODE -ne 0) { throw "git $($Arguments -join ' ') failed in $Repo" }
}

New-Item -ItemType Directory -Path $Path -Force | Out-Null
$Path = (Resolve-Path $Path).ProviderPath
$work = Join-Path $Path 'work'
$server = Join-Path $Path 'server.git'
if (Test-Path $server) { return [Uri]::new($server).AbsoluteUri }
# The benchmark's git sees no machine or user config.
$env:GIT_CONFIG_NOSYSTEM = '1'
$env:GIT_CONFIG_GLOBAL = Join-Path $Path 'gitconfig'
New-Item -ItemType File -Path $env:GIT_CONFIG_GLOBAL -Force | Out-Null

Invoke-Git $Path @('init', '-q', '-b', 'main', $work)
Invoke-Git $work @('config', 'user.name', 'Bench')
Invoke-Git $work @('config', 'user.email', 'bench@example.com')
Invoke-Git $work @('config', 'core.bigFileThreshold', '1m')
$buffer = [byte[]]::new($FileMB * 1MB)
for ($i = 1; $i -le $Files; $i++) {
    Write-Progress -Activity 'Writing random history' -Status "$i of $Files" -PercentComplete (100 * $i / $Files)
    [Security.Cryptography.RandomNumberGenerator]::Fill($buffer)
    # git rm removed the emptied folder after the previous part.
    New-Item -ItemType Directory -Path (Join-Path $work 'data') -Force | Out-Null
    [IO.File]::WriteAllBytes((Join-Path $work "data/part$i.bin"), $buffer)
    Invoke-Git $work @('add', '--', "data/part$i.bin")
    Invoke-Git $work @('commit', '-q', '-m', "data part $i")
    # Keep the work tree small: the content stays in the history only.
    Invoke-Git $work @('rm', '-q', '--', "data/part$i.bin")
}
Write-Progress -Activity 'Writing random history' -Completed
New-Item -ItemType Directory -Path (Join-Path $work 'models') | Out-Null
[IO.File]::WriteAllText((Join-Path $work 'artifacts.yaml'), "model:`n  type: model`n  path: models/model.txt`n")
[IO.File]::WriteAllText((Join-Path $work '.gto'), "stages: [prod]`n")
[IO.File]::WriteAllText((Join-Path $work 'models/model.txt'), "small model weights`n")
Invoke-Git $work @('add', '-A')
Invoke-Git $work @('commit', '-q', '-m', 'model')
Invoke-Git $work @('tag', '-a', 'model@v1.0.0', '-m', 'Registering model v1.0.0')
Invoke-Git $work @('tag', '-a', 'model#prod#1', '-m', 'Assigning prod to model v1.0.0')
Invoke-Git $Path @('clone', '-q', '--bare', '--no-local', $work, $server)
Invoke-Git $server @('config', 'uploadpack.allowFilter', 'true')
Invoke-Git $server @('config', 'core.bigFileThreshold', '1m')
Remove-Item -LiteralPath $work -Recurse -Force
[Uri]::new($server).AbsoluteUri
