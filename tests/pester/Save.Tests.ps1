# Save-GtoArtifact with Git-tracked content: files and folders written as stored at the version's commit (bytes,
# executable bit, links that stay inside), selected by name, stage, tag or pipeline, all or nothing, and the
# refusals (no path, virtual, missing path, names and links leaving the destination, existing files, -WhatIf).
#
# The registry (plain git; tags made with git itself):
#   c1  artifacts.yaml (churn: models/churn, a folder; scorer: bin/score.sh; nopath; virt: elsewhere;
#       solid: missing with virtual: false), the files;  tags churn@v1.0.0, scorer@v1.0.0, nopath@v1.0.0, virt@v1.0.0,
#       solid@v1.0.0, churn#prod#1
#   c2  every file of models/churn changed;  tag churn@v1.1.0 (greatest)

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    Import-Module (Join-Path $PSScriptRoot 'SaveHelpers.psm1') -Force
    # The module's own git calls must not see the machine's git config either.
    Enter-SaveTestEnvironment (New-TestFolder 'gto-save-home-')

    function Get-Sha256([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant() }

    $script:repo = New-TestRepository
    $script:binary1 = [byte[]](0..255 + 0..255 + 13, 10, 0)
    Add-TestFiles $script:repo @{
        'artifacts.yaml'           = "churn:`n  type: model`n  path: models/churn`nscorer:`n  path: bin/score.sh`nnopath:`n  type: model`nvirt:`n  path: s3/elsewhere`nsolid:`n  path: models/missing.pkl`n  virtual: false`n"
        'models/churn/weights.bin' = $script:binary1
        'models/churn/conf/params.yaml' = "alpha: 1`r`nbeta: 2`r`n"
        'bin/score.sh'             = "#!/bin/sh`necho scoring`n"
    }
    New-Item -ItemType SymbolicLink -Path (Join-Path $script:repo 'models/churn/current.yaml') -Target 'conf/params.yaml' | Out-Null
    Invoke-TestGit $script:repo @('add', '-A') | Out-Null
    Invoke-TestGit $script:repo @('update-index', '--chmod=+x', 'bin/score.sh') | Out-Null
    $script:c1 = New-TestCommit $script:repo -Message 'churn v1'
    foreach ($tag in 'churn@v1.0.0', 'scorer@v1.0.0', 'nopath@v1.0.0', 'virt@v1.0.0', 'solid@v1.0.0', 'churn#prod#1') {
        New-TestTag $script:repo $tag "tag $tag" | Out-Null
    }
    Add-TestFiles $script:repo @{ 'models/churn/weights.bin' = [byte[]](1, 2, 3); 'models/churn/conf/params.yaml' = "alpha: 9`n" }
    $script:c2 = New-TestCommit $script:repo -Message 'churn v1.1'
    New-TestTag $script:repo 'churn@v1.1.0' 'churn v1.1.0' | Out-Null
}

AfterAll {
    Exit-SaveTestEnvironment
    Remove-TestRepository $script:repo
    Remove-TestFolders
}

Describe 'Save-GtoArtifact: Git-tracked files' {
    It 'saves a folder as stored at the version''s commit: bytes, links, one object per file' {
        $dest = New-TestDestination
        $files = @(Save-GtoArtifact churn -Version v1.0.0 -Repository $script:repo -Destination $dest)
        $files.Count | Should -Be 3
        [IO.File]::ReadAllBytes("$dest/churn/weights.bin") | Should -Be $script:binary1
        # CRLF kept: the bytes of the blob, not a checkout's conversion.
        [IO.File]::ReadAllText("$dest/churn/conf/params.yaml") | Should -BeExactly "alpha: 1`r`nbeta: 2`r`n"
        (Get-Item "$dest/churn/current.yaml").LinkTarget | Should -Be 'conf/params.yaml'
        $weights = $files | Where-Object StoredPath -eq 'models/churn/weights.bin'
        $weights | Should -BeOfType ([Gto.SavedArtifactFile])
        $weights.Path | Should -Be (Join-Path $dest 'churn/weights.bin')
        $weights.Artifact | Should -Be 'churn'
        $weights.Version | Should -Be 'v1.0.0'
        $weights.Commit | Should -Be $script:c1
        $weights.Size | Should -Be $script:binary1.Length
        $weights.Sha256 | Should -Be (Get-Sha256 "$dest/churn/weights.bin")
        $weights.Source | Should -Be 'Git'
        ($files | Where-Object LinkTarget).StoredPath | Should -Be 'models/churn/current.yaml'
        # Nothing but the artifact: the staging folder is gone.
        @(Get-ChildItem -LiteralPath $dest -Force -Name) | Should -Be @('churn')
    }

    It 'keeps the executable bit of a single file' -Skip:$IsWindows {
        $dest = New-TestDestination
        $file = Save-GtoArtifact scorer -Version v1.0.0 -Repository $script:repo -Destination $dest
        $file.IsExecutable | Should -BeTrue
        (Get-Item "$dest/score.sh").UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute) | Should -BeTrue
        (Get-Item "$dest/churn" -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'saves the greatest version without -Version, the stage''s with -Stage and with a shortcut' {
        (Save-GtoArtifact churn -Repository $script:repo -Destination (New-TestDestination))[0].Version | Should -Be 'v1.1.0'
        (Save-GtoArtifact churn -Stage prod -Repository $script:repo -Destination (New-TestDestination))[0].Commit | Should -Be $script:c1
        (Save-GtoArtifact 'churn@v1.1.0' -Repository $script:repo -Destination (New-TestDestination))[0].Commit | Should -Be $script:c2
        $dest = New-TestDestination
        Save-GtoArtifact 'churn#prod' -Repository $script:repo -Destination $dest | Out-Null
        [IO.File]::ReadAllBytes("$dest/churn/weights.bin") | Should -Be $script:binary1
    }

    It 'takes versions, events and tag names from the pipeline' {
        $dest = New-TestDestination
        Push-Location $script:repo
        try {
            (Resolve-GtoRef 'churn#prod#1' | Save-GtoArtifact -Destination "$dest/a")[0].Version | Should -Be 'v1.0.0'
            (Get-GtoVersion churn -Version v1.1.0 | Save-GtoArtifact -Destination "$dest/b")[0].Commit | Should -Be $script:c2
            ('scorer@v1.0.0' | Save-GtoArtifact -Destination "$dest/c").Path | Should -Be (Join-Path $dest 'c/score.sh')
            (Save-GtoArtifact -Ref 'refs/tags/churn@v1.1.0' -Destination "$dest/d")[0].Version | Should -Be 'v1.1.0'
        }
        finally { Pop-Location }
    }

    It 'refuses to replace existing files without -Force, and replaces them with it' {
        $dest = New-TestDestination
        Save-GtoArtifact churn -Version v1.0.0 -Repository $script:repo -Destination $dest | Out-Null
        $err = $null
        Save-GtoArtifact churn -Version v1.1.0 -Repository $script:repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DestinationExists,*'
        [IO.File]::ReadAllBytes("$dest/churn/weights.bin") | Should -Be $script:binary1
        Save-GtoArtifact churn -Version v1.1.0 -Repository $script:repo -Destination $dest -Force | Out-Null
        [IO.File]::ReadAllBytes("$dest/churn/weights.bin") | Should -Be ([byte[]](1, 2, 3))
        [IO.File]::ReadAllText("$dest/churn/conf/params.yaml") | Should -BeExactly "alpha: 9`n"
    }

    It '-WhatIf fetches and writes nothing' {
        $dest = New-TestDestination
        Save-GtoArtifact churn -Repository $script:repo -Destination $dest -WhatIf | Should -BeNullOrEmpty
        Test-Path -LiteralPath $dest | Should -BeFalse
    }

    It 'gives <Id> for <Case>, writing nothing' -ForEach @(
        @{ Case = 'an artifact without a path'; Name = 'nopath'; Id = 'ArtifactHasNoPath' }
        @{ Case = 'a virtual artifact'; Name = 'virt'; Id = 'VirtualArtifact' }
        @{ Case = 'a path missing at the commit (virtual: false)'; Name = 'solid'; Id = 'ArtifactPathNotFound' }
        @{ Case = 'an unknown version'; Name = 'churn@v9.9.9'; Id = 'VersionNotFound' }
    ) {
        $dest = New-TestDestination
        $err = $null
        Save-GtoArtifact $Name -Repository $script:repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        Test-Path -LiteralPath $dest | Should -BeFalse
    }
}

Describe 'Save-GtoArtifact: hostile repositories' {
    BeforeAll {
        # Trees git itself would never check out: written with mktree so the names reach Save-GtoArtifact.
        function New-Object([string] $Repo, [string] $Content) {
            $Content | & git -C $Repo hash-object -w --stdin
        }
        function New-Tree([string] $Repo, [string[]] $Entries) {
            ($Entries -join "`n") | & git -C $Repo mktree --missing
        }
        # A registry whose artifact 'bad' has the given path, and a folder 'payload' holding one entry written
        # with mktree: names and links git itself would never check out reach Save-GtoArtifact.
        function New-HostileRegistry([string] $Entry, [string] $Mode, [string] $Content, [string] $Path) {
            $repo = New-TestRepository
            $blob = New-Object $repo $Content
            $payload = New-Tree $repo @("$Mode blob $blob`t$Entry")
            $yaml = New-Object $repo "bad:`n  path: $Path"
            $root = New-Tree $repo @("100644 blob $yaml`tartifacts.yaml", "040000 tree $payload`tpayload")
            $commit = Invoke-TestGit $repo @('commit-tree', $root, '-m', 'hostile')
            Invoke-TestGit $repo @('update-ref', 'refs/heads/main', $commit) | Out-Null
            New-TestTag $repo 'bad@v1.0.0' 'hostile' | Out-Null
            $repo
        }
    }

    It 'refuses <Case> (UnsafeArtifactPath) and writes nothing' -ForEach @(
        @{ Case = 'a link leaving the destination'; Entry = 'escape'; Mode = '120000'; Content = '../../../etc/passwd'; Path = 'payload' }
        @{ Case = 'an absolute link'; Entry = 'abs'; Mode = '120000'; Content = '/etc/passwd'; Path = 'payload' }
        @{ Case = 'a .git folder'; Entry = '.git'; Mode = '100644'; Content = 'x'; Path = 'payload' }
        @{ Case = 'a path with ..'; Entry = 'f'; Mode = '100644'; Content = 'x'; Path = 'payload/../../outside' }
        @{ Case = 'an absolute path'; Entry = 'f'; Mode = '100644'; Content = 'x'; Path = '/etc' }
    ) {
        $repo = New-HostileRegistry -Entry $Entry -Mode $Mode -Content $Content -Path $Path
        try {
            $dest = New-TestDestination
            $err = $null
            Save-GtoArtifact bad -Repository $repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsafeArtifactPath,*'
            Test-Path -LiteralPath $dest | Should -BeFalse
        }
        finally { Remove-TestRepository $repo }
    }

    It 'does not write through a link in the destination' -Skip:$IsWindows {
        $dest = New-TestDestination
        $outside = New-TestFolder 'gto-save-outside-'
        New-Item -ItemType Directory -Path $dest | Out-Null
        New-Item -ItemType SymbolicLink -Path (Join-Path $dest 'churn') -Target $outside | Out-Null
        $err = $null
        Save-GtoArtifact churn -Repository $script:repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnsafeArtifactPath,*'
        @(Get-ChildItem -LiteralPath $outside -Force) | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $dest -Force -Name) | Should -Be @('churn')
    }
}
