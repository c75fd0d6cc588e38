# Save-GtoArtifact and the reads of a remote registry (-Repository with a URL) fetch only what they need: the clone
# is partial (no file content) where the server allows filters, then the annotation files and the saved artifact's
# blobs are fetched. Measured with GIT_TRACE_PACKFILE, which makes every git the module runs append the packs it
# receives to one file. A server that refuses filters still works (a full clone).

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SaveHelpers.psm1') -Force
    Import-Module $modulePath -Force
    Enter-SaveTestEnvironment (New-TestFolder 'gto-remote-save-home-')

    # History: 4 MB of random data in an old commit (and deleted), then a small model; tags model@v1.0.0, model#prod#1.
    $source = New-TestRepository
    Add-TestFiles $source @{ 'data/huge.bin' = (New-RandomBytes (4MB)) }
    New-TestCommit $source -Message 'huge data' | Out-Null
    Invoke-TestGit $source @('rm', '-q', 'data/huge.bin') | Out-Null
    Add-TestFiles $source @{ 'artifacts.yaml' = "model:`n  path: models/model.txt`n"; 'models/model.txt' = "weights`n"; '.gto' = "stages: [prod]`n" }
    $script:commit = New-TestCommit $source -Message 'model'
    New-TestTag $source 'model@v1.0.0' 'model v1' | Out-Null
    New-TestTag $source 'model#prod#1' 'model prod' | Out-Null

    # A bare server holding the history; -AllowFilter sets uploadpack.allowFilter.
    function New-Server([bool] $AllowFilter) {
        $server = Join-Path (New-TestFolder 'gto-remote-save-srv-') 'origin.git'
        Invoke-TestGit $source @('clone', '-q', '--bare', $source, $server) | Out-Null
        Invoke-TestGit $server @('config', 'uploadpack.allowFilter', $AllowFilter.ToString().ToLowerInvariant()) | Out-Null
        [Uri]::new($server).AbsoluteUri
    }

    # Runs a script block with GIT_TRACE_PACKFILE set; returns the bytes of packs received.
    function Measure-Received([scriptblock] $Script) {
        $trace = Join-Path (New-TestFolder 'gto-remote-save-trace-') 'packs'
        $env:GIT_TRACE_PACKFILE = $trace
        try { & $Script | Out-Null }
        finally { Remove-Item Env:GIT_TRACE_PACKFILE }
        if (Test-Path -LiteralPath $trace) { (Get-Item -LiteralPath $trace).Length } else { 0 }
    }
    $script:source = $source
}

AfterAll {
    Exit-SaveTestEnvironment
    Remove-TestRepository $script:source
    Remove-TestFolders
}

Describe 'A remote registry is read without the history''s file content' {
    It 'Get-GtoArtifact and Save-GtoArtifact receive well under the 4 MB of old data' {
        $url = New-Server $true
        $full = Measure-Received { Invoke-TestGit $script:source @('clone', '-q', '--bare', $url, (Join-Path (New-TestFolder 'gto-full-') 'c.git')) }
        $full | Should -BeGreaterThan (4MB)
        (Measure-Received { Get-GtoArtifact -Repository $url }) | Should -BeLessThan (200KB)
        $dest = New-TestDestination
        (Measure-Received { Save-GtoArtifact model -Stage prod -Repository $url -Destination $dest }) | Should -BeLessThan (200KB)
        [IO.File]::ReadAllText("$dest/model.txt") | Should -BeExactly "weights`n"
        (Get-GtoArtifact -Repository $url).Latest | Should -Be 'v1.0.0'
    }

    It 'falls back to a full clone when the server does not allow filters' {
        $url = New-Server $false
        $dest = New-TestDestination
        $file = Save-GtoArtifact model -Version v1.0.0 -Repository $url -Destination $dest
        $file.Commit | Should -Be $script:commit
        $file.Repository | Should -Be $url
        [IO.File]::ReadAllText("$dest/model.txt") | Should -BeExactly "weights`n"
    }
}
