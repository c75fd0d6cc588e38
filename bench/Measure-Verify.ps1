<#
.SYNOPSIS
    Times signature verification of many signed registry tags: Get-GtoHistory -Verify against
    git's own verify-tag, one call per tag and one call for all tags.
.DESCRIPTION
    Makes a repository with -Count ssh-signed GTO tags (one registration, then assignments, all
    written with 'git tag -s' and a fresh ed25519 key in a temp folder, allowed by an
    allowed-signers file), then times, each once after a warm-up on a tiny registry:
      - Get-GtoHistory (no verification: the cost of the read alone);
      - Get-GtoHistory -Verify (one git cat-file for all tag objects, then ssh-keygen -Y verify
        per tag, several at a time);
      - git verify-tag with every tag in one call (git runs ssh-keygen twice per tag, one at a time);
      - git verify-tag once per tag, as a shell loop over the tags would.
    Prints seconds and milliseconds per tag. Every check must come out Valid, or the script fails.
.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Measure-Verify.ps1 -Count 1000
#>
[CmdletBinding()]
param(
    [int] $Count = 1000,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Gto/Gto.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$inv = [Globalization.CultureInfo]::InvariantCulture
$root = Join-Path ([IO.Path]::GetTempPath()) ('gto-verify-bench-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
New-Item -ItemType Directory $root | Out-Null
$env:GIT_CONFIG_NOSYSTEM = '1'

function New-SignedRegistry([string] $Path, [int] $Tags) {
    git init -q -b main $Path
    git -C $Path config user.name Bench
    git -C $Path config user.email bench@example.com
    git -C $Path config gpg.format ssh
    git -C $Path config user.signingKey (Join-Path $root 'key')
    git -C $Path config gpg.ssh.allowedSignersFile (Join-Path $root 'allowed_signers')
    git -C $Path commit -q --allow-empty -m base
    git -C $Path tag -s -m 'Registering artifact m version v0.0.1' 'm@v0.0.1'
    for ($i = 2; $i -le $Tags; $i++) {
        git -C $Path tag -s -m "Assigning stage dev to artifact m version v0.0.1 (#$i)" "m#dev#$($i.ToString($inv))"
    }
}

function Invoke-Timed([string] $Name, [int] $Tags, [scriptblock] $Action) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $Action
    $clock.Stop()
    [pscustomobject]@{
        What      = $Name
        Tags      = $Tags
        Seconds   = [Math]::Round($clock.Elapsed.TotalSeconds, 2)
        MsPerTag  = [Math]::Round($clock.Elapsed.TotalMilliseconds / $Tags, 2)
    }
}

try {
    ssh-keygen -q -t ed25519 -N '' -C bench -f (Join-Path $root 'key')
    "bench@example.com namespaces=`"git`" $(Get-Content (Join-Path $root 'key.pub'))" | Set-Content (Join-Path $root 'allowed_signers')
    $warm = Join-Path $root 'warm'
    New-SignedRegistry $warm 3
    Get-GtoHistory -Repository $warm -Verify | Out-Null
    $repo = Join-Path $root 'registry'
    $made = [Diagnostics.Stopwatch]::StartNew()
    New-SignedRegistry $repo $Count
    Write-Host "Made $Count signed tags in $([Math]::Round($made.Elapsed.TotalSeconds, 1)) s."
    $names = @(git -C $repo tag --list)
    Invoke-Timed 'Get-GtoHistory' $Count { Get-GtoHistory -Repository $repo | Out-Null }
    Invoke-Timed 'Get-GtoHistory -Verify' $Count {
        $events = @(Get-GtoHistory -Repository $repo -Verify)
        $bad = @($events | Where-Object { $_.Signature.Status -ne 'Valid' })
        if ($events.Count -ne $Count -or $bad.Count -gt 0) { throw "expected $Count Valid signatures, got $($events.Count) events, $($bad.Count) not Valid" }
    }
    Invoke-Timed 'git verify-tag (all tags, one call)' $Count {
        git -C $repo verify-tag @names 2>$null
        if ($LASTEXITCODE -ne 0) { throw 'git verify-tag failed' }
    }
    Invoke-Timed 'git verify-tag (one call per tag)' $Count {
        foreach ($n in $names) {
            git -C $repo verify-tag $n 2>$null
            if ($LASTEXITCODE -ne 0) { throw "git verify-tag $n failed" }
        }
    }
}
finally {
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}
