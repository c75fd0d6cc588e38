# Dependency isolation (README.md, "Packages used"): another YamlDotNet already in the session must not
# break Gto, nor Gto break it; Gto's LibGit2Sharp/YamlDotNet stay out of the default context.
#
# The checks run in a FRESH child pwsh, so the order "YamlDotNet 16.3.0 first, then Gto" is
# guaranteed (this Pester process may already have loaded Gto). Start-Job is not used: its
# process is not guaranteed fresh of this session's assemblies on every platform/version.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath

    # YamlDotNet 16.3.0 comes from the NuGet cache, restored by tools/tools.proj.
    $nugetRoot = $env:GTO_NUGET_PACKAGES
    if (-not $nugetRoot) {
        $line = dotnet nuget locals global-packages --list | Where-Object { $_ -match 'global-packages:' } | Select-Object -First 1
        $nugetRoot = ($line -replace '^.*?global-packages:\s*', '').Trim()
    }
    $yaml16 = @('net8.0', 'netstandard2.1', 'netstandard2.0') |
        ForEach-Object { Join-Path $nugetRoot "yamldotnet/16.3.0/lib/$_/YamlDotNet.dll" } |
        Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $yaml16) { throw "YamlDotNet 16.3.0 is not in $nugetRoot; run: dotnet restore tools/tools.proj" }

    $repo = New-TestRepository
    New-TestCommit $repo @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn.pkl`n" } -Message 'Annotate churn' | Out-Null
    New-TestTag $repo 'churn@v1.0.0' 'Registering artifact churn version v1.0.0' | Out-Null

    # Everything the child observes goes into a JSON file; its console output is only for diagnosis.
    $probe = Join-Path ([IO.Path]::GetTempPath()) "gto-isolation-$PID.ps1"
    $resultFile = Join-Path ([IO.Path]::GetTempPath()) "gto-isolation-$PID.json"
    Set-Content $probe @'
param([string] $Yaml16, [string] $ModulePath, [string] $Repository, [string] $ResultFile)
$ErrorActionPreference = 'Stop'
$r = [ordered]@{}
function Get-ContextName($assembly) { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name }

Add-Type -Path $Yaml16   # the "other module's" YamlDotNet, loaded first
Import-Module $ModulePath
try {
    $artifacts = @(Get-GtoArtifact -Repository $Repository)
    $r.Names = @($artifacts | ForEach-Object Name)
    $churn = $artifacts | Where-Object Name -EQ 'churn'
    $r.ChurnType = $churn.Annotation.Type
    $r.IsGtoArtifact = $churn -is [Gto.Artifact]
}
catch {
    $r.Error = "$_"
}
# The session's own YamlDotNet is still the one loaded first.
$r.SessionYamlMajor = [YamlDotNet.Serialization.Deserializer].Assembly.GetName().Version.Major
$r.SessionYamlContext = Get-ContextName ([YamlDotNet.Serialization.Deserializer].Assembly)
$r.Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -in 'Gto.Engine', 'Gto.Model', 'Gto.PowerShell', 'LibGit2Sharp', 'YamlDotNet' } |
    ForEach-Object { [ordered]@{ Name = $_.GetName().Name; Major = $_.GetName().Version.Major; Context = Get-ContextName $_ } })
$r | ConvertTo-Json -Depth 4 | Set-Content $ResultFile
'@
    $pwsh = Get-TestPwshCommand
    $childOutput = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $probe `
        -Yaml16 $yaml16 -ModulePath $modulePath -Repository $repo -ResultFile $resultFile 2>&1
    $childExit = $LASTEXITCODE
    $result = if (Test-Path $resultFile) { Get-Content $resultFile -Raw | ConvertFrom-Json } else { $null }
    $because = "child pwsh (exit $childExit) said: $($childOutput -join [Environment]::NewLine) $(if ($result) { $result.Error })"

    function Get-Loaded([string] $Name) { @($result.Assemblies | Where-Object Name -EQ $Name) }
}

AfterAll {
    Remove-TestRepository $repo
    Remove-Item $probe, $resultFile -ErrorAction SilentlyContinue
}

Describe 'Dependency isolation with YamlDotNet 16.3.0 loaded first' {
    It 'the child session ran to the end' {
        $childExit | Should -Be 0 -Because $because
        $result | Should -Not -BeNullOrEmpty -Because $because
    }

    It 'Get-GtoArtifact reads the annotation through Gto''s own YamlDotNet' {
        $result.Error | Should -BeNullOrEmpty -Because $because
        $result.Names | Should -Contain 'churn'
        $result.ChurnType | Should -Be 'model'
    }

    It 'returns objects of the shared [Gto.Artifact] type' {
        $result.IsGtoArtifact | Should -BeTrue -Because $because
    }

    It 'leaves the session''s YamlDotNet at 16.x in the default context' {
        $result.SessionYamlMajor | Should -Be 16
        $result.SessionYamlContext | Should -Be 'Default'
    }

    It 'loads Gto''s YamlDotNet (18.x) outside the default context' {
        $ours = @(Get-Loaded 'YamlDotNet' | Where-Object Major -EQ 18)
        $ours.Count | Should -Be 1 -Because $because
        $ours[0].Context | Should -Not -Be 'Default'
    }

    It 'loads LibGit2Sharp and Gto.Engine outside the default context' {
        foreach ($name in 'LibGit2Sharp', 'Gto.Engine') {
            $loaded = @(Get-Loaded $name)
            $loaded.Count | Should -Be 1 -Because "$name should be loaded once; $because"
            $loaded[0].Context | Should -Not -Be 'Default' -Because "$name must be isolated"
        }
    }

    It 'loads Gto.Model and Gto.PowerShell once, in the default context' {
        foreach ($name in 'Gto.Model', 'Gto.PowerShell') {
            $loaded = @(Get-Loaded $name)
            $loaded.Count | Should -Be 1 -Because "$name should be loaded once; $because"
            $loaded[0].Context | Should -Be 'Default'
        }
    }
}
