<#
.SYNOPSIS
    A/B of Get-GtoArtifact ÷ git for-each-ref for several builds, one child pwsh per build and round, in turn.

.DESCRIPTION
    Each child imports one build, calls Get-GtoArtifact once untimed, then -Iterations times runs git for-each-ref
    (the fields the engine reads) followed by Get-GtoArtifact, and prints the median of the ratios. Pairing each
    call with a git run just before it keeps the ratio meaningful on a busy machine.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Compare-ArtifactRatio.ps1 -ModulePath /tmp/before/Gto.psd1,./out/Gto/Gto.psd1
#>
#Requires -Version 7.2
param(
    [string[]] $ModulePath = @((Join-Path $PSScriptRoot '../out/Gto/Gto.psd1')),
    [string] $Repository = (Join-Path $PSScriptRoot 'results/registry-1000x10x3'),
    [int] $Rounds = 4,
    [int] $Iterations = 5,
    [switch] $Child
)
$ErrorActionPreference = 'Stop'
$fmt = '--format=%(refname) %(objectname) %(*objectname) %(taggername) %(taggeremail) %(taggerdate:raw) %(contents)'
if ($Child) {
    Import-Module $ModulePath[0]
    $null = Get-GtoArtifact -Repository $Repository
    $ratios = foreach ($i in 1..$Iterations) {
        [GC]::Collect()
        $sw = [Diagnostics.Stopwatch]::StartNew(); $null = git -C $Repository for-each-ref $fmt refs/tags; $git = $sw.Elapsed.TotalMilliseconds
        $sw = [Diagnostics.Stopwatch]::StartNew(); $null = Get-GtoArtifact -Repository $Repository; $gto = $sw.Elapsed.TotalMilliseconds
        $gto / $git
    }
    ($ratios | Sort-Object)[[int][Math]::Floor($Iterations / 2)]
    return
}
$pwshExe = (Get-Process -Id $PID).Path
$prefix = @()
if ([IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
$modules = @($ModulePath | ForEach-Object { $_ -split ',' } | ForEach-Object { [IO.Path]::GetFullPath($_) })
foreach ($round in 1..$Rounds) {
    foreach ($m in $modules) {
        $ratio = & $pwshExe @prefix -NoProfile -File $PSCommandPath -Child -ModulePath $m -Repository $Repository -Iterations $Iterations
        [pscustomobject]@{ Round = $round; Module = $m; Ratio = [double]($ratio | Select-Object -Last 1) }
    }
}
