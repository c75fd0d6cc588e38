# The packaged module (out/package, made by `./build.ps1 Package`; `./build.ps1 Test` packages
# before it runs Pester): the versioned folder imports by name from $env:PSModulePath, and the
# .nupkg is the one PSResourceGet builds for the PowerShell Gallery.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    $moduleDir = Split-Path $modulePath
    $builtManifest = Import-PowerShellDataFile $modulePath
    $version = $builtManifest.ModuleVersion

    $packageRoot = Join-Path $repoRoot 'out/package'
    $packageModuleRoot = Join-Path $packageRoot 'Gto'
    $versionDir = Join-Path $packageModuleRoot $version
    $packagedManifestPath = Join-Path $versionDir 'Gto.psd1'
    $nupkgPath = Join-Path $packageRoot "Gto.$version.nupkg"
    if (-not (Test-Path $packagedManifestPath) -or -not (Test-Path $nupkgPath)) {
        throw "No package for Gto $version in ${packageRoot}: run ./build.ps1 Package (./build.ps1 Test does) first."
    }
    $packagedManifest = Import-PowerShellDataFile $packagedManifestPath


    # Relative path (with '/') -> SHA256 of every file under $Root.
    function Get-FileMap([string] $Root) {
        $map = @{}
        $rootFull = (Resolve-Path $Root).ProviderPath
        foreach ($file in Get-ChildItem $rootFull -Recurse -File) {
            $relative = [IO.Path]::GetRelativePath($rootFull, $file.FullName) -replace '\\', '/'
            $map[$relative] = (Get-FileHash $file.FullName -Algorithm SHA256).Hash
        }
        return $map
    }
}

Describe 'The versioned module folder (out/package/Gto/<version>)' {
    It 'is a current copy of the built module out/Gto' {
        $built = Get-FileMap $moduleDir
        $packaged = Get-FileMap $versionDir
        @($packaged.Keys | Sort-Object) | Should -Be @($built.Keys | Sort-Object)
        foreach ($key in $built.Keys) {
            $packaged[$key] | Should -Be $built[$key] -Because "$key must be the file build.ps1 laid out"
        }
    }

    It 'holds nothing but the one version folder' {
        @(Get-ChildItem $packageModuleRoot | ForEach-Object Name) | Should -Be @($version)
    }

    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest $packagedManifestPath -ErrorAction Stop
        $info.Name | Should -Be 'Gto'
        $info.Version | Should -Be ([version]$version)
    }

    Context 'copied into a folder on $env:PSModulePath' {
        BeforeAll {
            # A space in the path on purpose: the module must not depend on a simple path.
            $modulesDir = Join-Path ([IO.Path]::GetTempPath()) "gto package test $([guid]::NewGuid().ToString('N'))"
            New-Item -ItemType Directory -Path $modulesDir | Out-Null
            Copy-Item $packageModuleRoot $modulesDir -Recurse

            # A fresh pwsh that finds Gto by name only; it prints one JSON line.
            $childScript = @'
$ErrorActionPreference = 'Stop'
$env:PSModulePath = $env:GTO_TEST_MODULES_DIR + [IO.Path]::PathSeparator + $env:PSModulePath
$available = @(Get-Module -ListAvailable Gto)
$module = Import-Module Gto -PassThru
[ordered]@{
    Available  = @($available | ForEach-Object ModuleBase)
    Name       = $module.Name
    Version    = $module.Version.ToString()
    ModuleBase = $module.ModuleBase
    Commands   = @(Get-Command -Module Gto | ForEach-Object Name | Sort-Object)
    Types      = @(Get-Command -Module Gto | ForEach-Object { $_.CommandType.ToString() } | Sort-Object -Unique)
    Artifact   = [bool]('Gto.Artifact' -as [type])
} | ConvertTo-Json -Compress
'@
            $pwsh = Get-TestPwshCommand
            $env:GTO_TEST_MODULES_DIR = $modulesDir
            try {
                $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($childScript))
                $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
                $exitCode = $LASTEXITCODE
            }
            finally {
                Remove-Item Env:GTO_TEST_MODULES_DIR -ErrorAction SilentlyContinue
            }
            $json = @($output | Where-Object { "$_" -like '{*' }) | Select-Object -Last 1
            $child = if ($json) { "$json" | ConvertFrom-Json } else { $null }
        }

        AfterAll {
            Remove-Item $modulesDir -Recurse -Force -ErrorAction SilentlyContinue
        }

        It 'imports by name in a fresh pwsh' {
            $exitCode | Should -Be 0 -Because "$output"
            $child | Should -Not -BeNullOrEmpty -Because "$output"
            $child.Name | Should -Be 'Gto'
            $child.Version | Should -Be $version
        }

        It 'is found, and loaded, from the copied folder' {
            $expectedBase = Join-Path $modulesDir "Gto/$version"
            @($child.Available)[0] | Should -Be $expectedBase # the first PSModulePath entry wins
            $child.ModuleBase | Should -Be $expectedBase
        }

        It 'exports exactly the manifest''s CmdletsToExport, as cmdlets' {
            @($child.Commands) | Should -Be @($packagedManifest.CmdletsToExport | Sort-Object)
            @($child.Types) | Should -Be @('Cmdlet')
        }

        It 'makes the Gto types available' {
            $child.Artifact | Should -BeTrue
        }
    }
}

Describe 'The .nupkg (out/package/Gto.<version>.nupkg)' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($nupkgPath)
        try {
            $entries = @($zip.Entries | ForEach-Object FullName)
            $nuspecEntries = @($zip.Entries | Where-Object { $_.FullName -notmatch '/' -and $_.FullName -like '*.nuspec' })
            $nuspec = $null
            if ($nuspecEntries.Count -eq 1) {
                $reader = [IO.StreamReader]::new($nuspecEntries[0].Open())
                try { $nuspec = [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
            }
            $psd1Entry = $zip.GetEntry('Gto.psd1')
            $packedManifestText = $null
            if ($psd1Entry) {
                $reader = [IO.StreamReader]::new($psd1Entry.Open())
                try { $packedManifestText = $reader.ReadToEnd() } finally { $reader.Dispose() }
            }
        }
        finally {
            $zip.Dispose()
        }
        # The NuGet/OPC bookkeeping that a nupkg adds around the module's own files.
        $opc = { param($name) $name -eq '[Content_Types].xml' -or $name -like '_rels/*' -or
            $name -like 'package/*' -or ($name -notmatch '/' -and $name -like '*.nuspec') }
    }

    It 'is a NuGet (OPC zip) package' {
        $entries | Should -Contain '[Content_Types].xml'
        $entries | Should -Contain '_rels/.rels'
        @($entries | Where-Object { $_ -like 'package/services/metadata/core-properties/*.psmdcp' }).Count | Should -Be 1
    }

    It 'has the manifest, the cmdlets and the engine' {
        $entries | Should -Contain 'Gto.psd1'
        $entries | Should -Contain 'Gto.psm1'
        $entries | Should -Contain 'core/Gto.PowerShell.dll'
        $entries | Should -Contain 'core/Gto.Model.dll'
        $entries | Should -Contain 'core/dependencies/Gto.Engine.dll'
        $entries | Should -Contain 'core/dependencies/Gto.Engine.deps.json'
    }

    It 'holds exactly the files of the versioned folder' {
        $moduleFiles = @($entries | Where-Object { -not (& $opc $_) } | Sort-Object)
        $moduleFiles | Should -Be @((Get-FileMap $versionDir).Keys | Sort-Object)
    }

    It 'holds the same manifest as the versioned folder' {
        $packedManifestText | Should -Be (Get-Content $packagedManifestPath -Raw)
    }

    It 'has one Gto.nuspec with id Gto and the manifest''s version' {
        $nuspecEntries.Count | Should -Be 1
        $nuspecEntries[0].FullName | Should -Be 'Gto.nuspec'
        $nuspec.package.metadata.id | Should -Be 'Gto'
        $nuspec.package.metadata.version | Should -Be $version
    }

    It 'carries the Gallery metadata from the manifest' {
        $meta = $nuspec.package.metadata
        $psData = $packagedManifest.PrivateData.PSData
        $meta.authors | Should -Be $packagedManifest.Author
        $meta.description | Should -Be $packagedManifest.Description
        $meta.projectUrl | Should -Be $psData.ProjectUri
        $meta.licenseUrl | Should -Be $psData.LicenseUri
        $tags = -split $meta.tags
        $tags | Should -Contain 'PSModule'
        foreach ($tag in $psData.Tags) { $tags | Should -Contain $tag }
    }
}

Describe 'The manifest as the Gallery sees it' {
    It 'declares PowerShell 7.4+ Core, matching the net8.0 cmdlets' {
        $packagedManifest.CompatiblePSEditions | Should -Be @('Core')
        $packagedManifest.PowerShellVersion | Should -Be '7.4'
        # PowerShell 7.4 is the first release on .NET 8 (7.5: .NET 9, 7.6: .NET 10).
        $csproj = [xml](Get-Content (Join-Path $repoRoot 'src/Gto.PowerShell/Gto.PowerShell.csproj') -Raw)
        $tfm = @($csproj.Project.PropertyGroup | ForEach-Object { $_.TargetFramework } | Where-Object { $_ })[0]
        $tfm | Should -Be 'net8.0' -Because 'PowerShellVersion 7.4 assumes the cmdlets target .NET 8'
    }

    It 'has a description, author, copyright, tags and release notes' {
        $packagedManifest.Description | Should -Not -BeNullOrEmpty
        $packagedManifest.Author | Should -Not -BeNullOrEmpty
        $packagedManifest.Copyright | Should -Not -BeNullOrEmpty
        $psData = $packagedManifest.PrivateData.PSData
        @($psData.Tags).Count | Should -BeGreaterThan 0
        $psData.Tags | Should -Contain 'PSEdition_Core'
        # The Gallery rejects tags with spaces.
        @($psData.Tags | Where-Object { $_ -match '\s' }).Count | Should -Be 0
        $psData.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'has absolute https project, licence and help URIs of the project' {
        $psData = $packagedManifest.PrivateData.PSData
        foreach ($uri in $psData.ProjectUri, $psData.LicenseUri, $packagedManifest.HelpInfoURI) {
            $parsed = $null
            [uri]::TryCreate($uri, [UriKind]::Absolute, [ref]$parsed) | Should -BeTrue -Because "'$uri'"
            $parsed.Scheme | Should -Be 'https'
        }
        $psData.LicenseUri | Should -BeLike "$($psData.ProjectUri)/*"
        # Update-Help needs raw files, so the help URI is the project's raw-content address.
        $raw = $psData.ProjectUri -replace '^https://github\.com/', 'https://raw.githubusercontent.com/'
        $packagedManifest.HelpInfoURI | Should -BeLike "$raw/*"
    }

    It 'lists its cmdlets explicitly (no wildcards) and exports nothing else' {
        @($packagedManifest.CmdletsToExport).Count | Should -BeGreaterThan 0
        @($packagedManifest.CmdletsToExport | Where-Object { $_ -match '[*?\[]' }).Count | Should -Be 0
        @($packagedManifest.FunctionsToExport).Count | Should -Be 0
        @($packagedManifest.AliasesToExport).Count | Should -Be 0
        @($packagedManifest.VariablesToExport).Count | Should -Be 0
    }
}
