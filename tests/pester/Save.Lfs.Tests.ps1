# Save-GtoArtifact with Git LFS: a pointer is replaced by its content, fetched through the installed git lfs (from
# the repository's own LFS store, or from a file:// remote's) and checked against the pointer's oid and size.
# These tests need git lfs (CI installs it); without it they fail rather than skip. The last one hides git lfs to
# show the error a user without it gets.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SaveHelpers.psm1') -Force
    Import-Module $modulePath -Force
    Enter-SaveTestEnvironment (New-TestFolder 'gto-lfs-home-')

    # A registry whose artifact 'weights' is a folder with one LFS file (*.bin) and one plain file.
    $script:repo = New-TestRepository
    Invoke-TestGit $script:repo @('lfs', 'install', '--local') | Out-Null
    Invoke-TestGit $script:repo @('lfs', 'track', '*.bin') | Out-Null
    $script:content = New-RandomBytes 5000
    Add-TestFiles $script:repo @{
        'artifacts.yaml'         = "weights:`n  path: models/weights`n  type: model`n"
        'models/weights/w.bin'   = $script:content
        'models/weights/README'  = "plain file`n"
    }
    New-TestCommit $script:repo -Message 'weights' | Out-Null
    New-TestTag $script:repo 'weights@v1.0.0' 'weights v1' | Out-Null
    $script:oid = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($script:content)).ToLowerInvariant()
    $script:object = Join-Path $script:repo ".git/lfs/objects/$($script:oid.Substring(0, 2))/$($script:oid.Substring(2, 2))/$($script:oid)"
}

AfterAll {
    Exit-SaveTestEnvironment
    Remove-TestRepository $script:repo
    Remove-TestFolders
}

Describe 'Save-GtoArtifact: Git LFS' {
    It 'writes the content a pointer names, checked against its oid' {
        (Invoke-TestGit $script:repo @('cat-file', '-p', 'HEAD:models/weights/w.bin')) -join "`n" | Should -Match "oid sha256:$($script:oid)"
        $dest = New-TestDestination
        $files = @(Save-GtoArtifact weights -Repository $script:repo -Destination $dest)
        [IO.File]::ReadAllBytes("$dest/weights/w.bin") | Should -Be $script:content
        $lfs = $files | Where-Object StoredPath -eq 'models/weights/w.bin'
        $lfs.Source | Should -Be 'Lfs'
        $lfs.Sha256 | Should -Be $script:oid
        $lfs.Size | Should -Be 5000
        ($files | Where-Object StoredPath -eq 'models/weights/README').Source | Should -Be 'Git'
    }

    It 'fetches LFS content from a file:// registry''s LFS store' {
        $server = Join-Path (New-TestFolder 'gto-lfs-server-') 'origin.git'
        Invoke-TestGit $script:repo @('init', '-q', '--bare', $server) | Out-Null
        $url = [Uri]::new($server).AbsoluteUri
        Invoke-TestGit $script:repo @('push', '-q', $url, 'main', '--tags') | Out-Null
        $dest = New-TestDestination
        $files = @(Save-GtoArtifact weights -Repository $url -Destination $dest)
        [IO.File]::ReadAllBytes("$dest/weights/w.bin") | Should -Be $script:content
        ($files | Where-Object Source -eq 'Lfs').Repository | Should -Be $url
    }

    It 'gives ChecksumMismatch when the LFS store returns other bytes, and writes nothing' {
        $saved = [IO.File]::ReadAllBytes($script:object)
        try {
            # Same size, other bytes: git lfs hands them over, the check against the oid refuses them.
            [IO.File]::WriteAllBytes($script:object, [byte[]]::new(5000))
            $dest = New-TestDestination
            $err = $null
            Save-GtoArtifact weights -Repository $script:repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $err[0].FullyQualifiedErrorId | Should -BeLike 'ChecksumMismatch,*'
            Test-Path -LiteralPath $dest | Should -BeFalse
        }
        finally { [IO.File]::WriteAllBytes($script:object, $saved) }
    }

    It 'without git lfs, names the file and what to install (GitLfsNotInstalled)' -Skip:$IsWindows {
        # A PATH with git but not git-lfs.
        $bin = New-TestFolder 'gto-lfs-nolfs-'
        New-Item -ItemType SymbolicLink -Path (Join-Path $bin 'git') -Target (Get-Command git -CommandType Application)[0].Source | Out-Null
        $path = $env:PATH
        $env:PATH = $bin
        try {
            $dest = New-TestDestination
            $err = $null
            Save-GtoArtifact weights -Repository $script:repo -Destination $dest -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
        finally { $env:PATH = $path }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GitLfsNotInstalled,*'
        $err[0].Exception.Message | Should -Match 'models/weights/w\.bin'
        $err[0].Exception.Message | Should -Match 'git-lfs'
        Test-Path -LiteralPath $dest | Should -BeFalse
    }
}
