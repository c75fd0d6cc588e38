#Requires -Version 7.2
<#
.SYNOPSIS
    Set-up for the golden suites: the environment GTO 1.10.1 was recorded in, and a scenario's
    workspace (its repository, the non-repository and missing paths its command lines name, and
    its bare origin) - cloned from the recorded bundles for the read side, built step by step by
    the replay.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1')

<#
.SYNOPSIS
    Puts this process in the environment the data was recorded in: the test sandbox (isolated
    HOME, GIT_CONFIG_NOSYSTEM=1, no GTO_* settings and no GIT_AUTHOR_*/GIT_COMMITTER_* overrides)
    with TZ=UTC and COLUMNS=1000; then imports the module under test, so that it loads in that
    environment. -GitIdentity: name and e-mail of a global git config in HOME. Returns the
    sandbox (Root: a work folder); Exit-GoldenSandbox restores the environment.
#>
function Enter-GoldenSandbox {
    [CmdletBinding()]
    param([string[]] $GitIdentity)
    Enter-TestSandbox -GitIdentity $GitIdentity -Variables @{ TZ = 'UTC'; COLUMNS = '1000' }
    Import-Module (Get-GtoModulePath) -Global -Force -ErrorAction Stop
}

function Exit-GoldenSandbox {
    [CmdletBinding()]
    param($Sandbox)
    if ($Sandbox) { Exit-TestSandbox $Sandbox }
}

<#
.SYNOPSIS
    The folders of one scenario under $Root: Base, Repo (Base/work, not made here), NonRepo (an
    existing folder that is no repository), MissingPath (does not exist), Origin ($null: no origin
    yet). Remove-GoldenWorkspace deletes it.
#>
function New-GoldenWorkspace {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Root, [Parameter(Mandatory)][string] $Name)
    $base = Join-Path $Root $Name
    $nonRepo = Join-Path $base 'not-a-repo'
    $null = New-Item -ItemType Directory -Path $nonRepo -Force
    [pscustomobject]@{
        Scenario    = $Name
        Base        = $base
        Repo        = Join-Path $base 'work'
        NonRepo     = $nonRepo
        MissingPath = Join-Path $base 'missing-path'
        Origin      = $null
    }
}

function Remove-GoldenWorkspace {
    [CmdletBinding()]
    param($Workspace)
    if ($Workspace -and $Workspace.Base -and (Test-Path -LiteralPath $Workspace.Base)) {
        Remove-Item -LiteralPath $Workspace.Base -Recurse -Force -ErrorAction SilentlyContinue
    }
}

<#
.SYNOPSIS
    The workspace of a scenario (New-GoldenWorkspace) with its final repository: repo.bundle
    cloned (an empty repository when the scenario has none: 24-empty-repo), and origin.bundle
    cloned bare as its Origin when there is one.
#>
function New-GoldenClone {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $ScenarioPath,
        [Parameter(Mandatory)][string] $Root
    )
    $workspace = New-GoldenWorkspace -Root $Root -Name (Split-Path -Leaf $ScenarioPath)
    $bundle = Join-Path $ScenarioPath 'repo.bundle'
    if (Test-Path -LiteralPath $bundle) {
        Invoke-TestGit $workspace.Base @('clone', '-q', $bundle, $workspace.Repo) | Out-Null
    }
    else {
        Invoke-TestGit $workspace.Base @('init', '-q', '-b', 'main', $workspace.Repo) | Out-Null
    }
    $originBundle = Join-Path $ScenarioPath 'origin.bundle'
    if (Test-Path -LiteralPath $originBundle) {
        $workspace.Origin = Join-Path $workspace.Base 'origin.git'
        Invoke-TestGit $workspace.Base @('clone', '-q', '--bare', $originBundle, $workspace.Origin) | Out-Null
    }
    $workspace
}

Export-ModuleMember -Function Enter-GoldenSandbox, Exit-GoldenSandbox, New-GoldenWorkspace, Remove-GoldenWorkspace, New-GoldenClone
