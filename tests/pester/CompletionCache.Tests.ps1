# Tab completion keeps the registry it read between Tab presses (docs/performance.md#the-completion-cache): what a
# Tab offers must still follow every change of the tags, HEAD and .gto, also when the repository was last changed
# long ago (then only the stamp of the refs can tell a change).

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'CompletionHelpers.psm1') -Force

    # Every file time an hour back, as if the repository had not changed for long.
    function Set-Aged([string] $Repo) {
        $past = [DateTime]::UtcNow.AddHours(-1)
        foreach ($item in @(Get-ChildItem -LiteralPath $Repo -Recurse -Force) + @(Get-Item -LiteralPath $Repo)) {
            $item.LastWriteTimeUtc = $past
        }
    }

    $script:r = New-TestRepository
    $c = New-TestCommit $r @{ '.gto' = "stages: [dev, prod]`n" } -Message 'one'
    New-TestTag $r 'churn@v1.0.0' 'Registering churn' -Ref $c | Out-Null
    Invoke-TestGit $r @('pack-refs', '--all') | Out-Null
}

AfterAll {
    Remove-TestRepository $script:r
}

Describe 'Completion follows the repository between Tab presses' {
    BeforeEach {
        Set-Aged $r
        # The Tab that fills the cache from the aged repository.
        $null = Get-CompletionText "Get-GtoArtifact -Repository '$r' "
    }

    It 'offers a tag created after the last Tab' {
        New-TestTag $r 'segment@v0.1.0' 'Registering segment' -Ref HEAD | Out-Null
        Get-CompletionText "Get-GtoArtifact -Repository '$r' " | Should -Be @('churn', 'segment')
    }

    It 'no longer offers a deleted packed tag' {
        Invoke-TestGit $r @('tag', '-d', 'segment@v0.1.0') | Out-Null
        Get-CompletionText "Get-GtoArtifact -Repository '$r' " | Should -Be @('churn')
    }

    It 'offers the stages of a changed .gto' {
        Set-Content -LiteralPath (Join-Path $r '.gto') -Value 'stages: [qa]'
        Get-CompletionText "Set-GtoStage -Repository '$r' churn -Stage " | Should -Be @('qa')
    }

    It 'offers an artifact annotated in a new commit at HEAD' {
        New-TestCommit $r @{ 'artifacts.yaml' = "annotated:`n  type: model`n" } -Message 'annotate' | Out-Null
        Get-CompletionText "Get-GtoArtifact -Repository '$r' " | Should -Be @('annotated', 'churn')
    }
}
