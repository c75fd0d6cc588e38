# The built module folder (out/Gto): manifest, exports, layout, clean import.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    $moduleDir = Split-Path $modulePath
    $manifest = Import-PowerShellDataFile $modulePath
}

Describe 'Gto module manifest' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest $modulePath -ErrorAction Stop } | Should -Not -Throw
    }

    It 'is version 0.1.0 for PowerShell 7.4+ Core' {
        $manifest.ModuleVersion | Should -Be '0.1.0'
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'lists explicit exports, never wildcards' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        @($manifest.FunctionsToExport).Count | Should -Be 0
        @($manifest.AliasesToExport).Count | Should -Be 0
        @($manifest.VariablesToExport).Count | Should -Be 0
    }
}

Describe 'Gto module layout' {
    It 'has the cmdlets and the shared model in core/' {
        Join-Path $moduleDir 'core/Gto.PowerShell.dll' | Should -Exist
        Join-Path $moduleDir 'core/Gto.Model.dll' | Should -Exist
    }

    It 'keeps the engine and its dependencies in core/dependencies/ only' {
        foreach ($name in 'Gto.Engine.dll', 'Gto.Engine.deps.json', 'LibGit2Sharp.dll', 'YamlDotNet.dll') {
            Join-Path $moduleDir "core/dependencies/$name" | Should -Exist
            Join-Path $moduleDir "core/$name" | Should -Not -Exist
        }
    }

    It 'has Gto.Model only in core/, never in dependencies/' {
        Join-Path $moduleDir 'core/dependencies/Gto.Model.dll' | Should -Not -Exist
    }

    It 'ships the native libgit2 for this platform' {
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        @(Get-ChildItem (Join-Path $moduleDir "core/dependencies/runtimes/$rid/native") -Filter '*git2-*').Count |
            Should -BeGreaterThan 0
    }
}

Describe 'Importing Gto' {
    BeforeAll {
        Remove-Module Gto -ErrorAction SilentlyContinue
        $errors = $null
        $warnings = $null
        $module = Import-Module $modulePath -Force -PassThru -ErrorAction Continue -ErrorVariable errors `
            -WarningAction SilentlyContinue -WarningVariable warnings
    }

    AfterAll {
        Remove-Module Gto -ErrorAction SilentlyContinue
    }

    It 'imports with no errors and no warnings' {
        @($errors).Count | Should -Be 0 -Because "$errors"
        @($warnings).Count | Should -Be 0 -Because "$warnings"
        $module.Name | Should -Be 'Gto'
        $module.Version | Should -Be '0.1.0'
    }

    It 'exports exactly the manifest''s CmdletsToExport' {
        $exported = @(Get-Command -Module Gto | ForEach-Object Name | Sort-Object)
        $exported | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'exports cmdlets only' {
        @(Get-Command -Module Gto | Where-Object CommandType -NE 'Cmdlet').Count | Should -Be 0
    }

    It 'can be removed and imported again' {
        Remove-Module Gto
        Get-Module Gto | Should -BeNullOrEmpty
        { Import-Module $modulePath -ErrorAction Stop } | Should -Not -Throw
        Get-Module Gto | Should -Not -BeNullOrEmpty
    }

    It 'imports silently in a fresh pwsh' {
        $pwsh = Get-TestPwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command `
            "`$ErrorActionPreference = 'Stop'; Import-Module '$($modulePath -replace "'", "''")' 3>&1 2>&1" 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$output"
        $output | Should -BeNullOrEmpty
    }
}
