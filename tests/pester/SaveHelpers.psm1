# Helpers shared by the Save*.Tests.ps1 files: the module's own git calls isolated from the machine's git config,
# files written into a test repository, and destinations that do not exist yet.

Set-StrictMode -Version Latest

$script:Saved = @{}

<#
.SYNOPSIS
    Points the process's git (which the module runs) at an empty global config and no system config, until
    Restore-SaveTestEnvironment. Git LFS's filters then come only from each repository's own config.
#>
function Enter-SaveTestEnvironment {
    param([Parameter(Mandatory)] [string] $Folder)
    foreach ($name in 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL') { $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name) }
    $config = Join-Path $Folder 'gitconfig'
    New-Item -ItemType File -Path $config -Force | Out-Null
    $env:GIT_CONFIG_NOSYSTEM = '1'
    $env:GIT_CONFIG_GLOBAL = $config
}

function Exit-SaveTestEnvironment {
    foreach ($name in $script:Saved.Keys) {
        if ($null -eq $script:Saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $script:Saved[$name] }
    }
    $script:Saved.Clear()
}

<#
.SYNOPSIS
    Writes files into a repository (relative path -> string or byte[]) and stages everything.
#>
function Add-TestFiles {
    param([Parameter(Mandatory)] [string] $Repo, [Parameter(Mandatory)] [System.Collections.IDictionary] $Files)
    foreach ($name in $Files.Keys) {
        $file = Join-Path $Repo $name
        New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
        $value = $Files[$name]
        if ($value -is [byte[]]) { [IO.File]::WriteAllBytes($file, $value) } else { [IO.File]::WriteAllText($file, [string]$value) }
    }
    & git -C $Repo add -A
    if ($LASTEXITCODE -ne 0) { throw "git add failed in $Repo" }
}

<#
.SYNOPSIS
    A path below a new test folder that does not exist yet: the destination Save-GtoArtifact creates.
#>
function New-TestDestination { Join-Path (New-TestFolder 'gto-save-dest-') 'out' }

<#
.SYNOPSIS
    Random bytes (incompressible, so a transfer of them shows in the bytes git moves).
#>
function New-RandomBytes([int] $Count) {
    $bytes = [byte[]]::new($Count)
    [Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    , $bytes
}

Export-ModuleMember -Function Enter-SaveTestEnvironment, Exit-SaveTestEnvironment, Add-TestFiles, New-TestDestination, New-RandomBytes
