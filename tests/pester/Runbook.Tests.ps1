# The runbook of the README's tour, run as written: it finds the version in staging whose annotation (as the
# artifact is described now, at HEAD) has the label 'approved', promotes it to prod through the pipeline, and hands
# its path and commit to a deploy step as properties, no string parsing. The code is read from README.md (between
# the runbook markers), so the README cannot drift from what is tested.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    $readme = Get-Content -Raw (Join-Path $repoRoot 'README.md')
    if ($readme -notmatch '(?s)<!-- runbook:start -->\s*```powershell\r?\n(?<code>.*?)```\s*<!-- runbook:end -->') {
        throw 'README.md has no runbook between <!-- runbook:start --> and <!-- runbook:end -->.'
    }
    $script:runbook = [scriptblock]::Create($Matches.code)

    # The registry of the tour: v0.0.1 in staging and prod; v0.1.0, retrained, then put in staging. Each write is
    # dated a minute after the one before, an hour ago: tags of the same second would leave 'churn#staging' a tie.
    function New-TourRegistry {
        $r = New-TestRepository
        $annotation = "churn:`n  type: model`n  path: models/churn.pkl`n  labels: [tabular]`n"
        $c1 = New-TestCommit $r @{ '.gto' = "stages: [dev, staging, prod]`n"; 'artifacts.yaml' = $annotation; 'models/churn.pkl' = 'v1' }
        $c2 = New-TestCommit $r @{ 'models/churn.pkl' = 'v2' } -Message 'Retrain churn'
        $clock = [DateTimeOffset]::UtcNow.AddHours(-1).ToUnixTimeSeconds()
        $writes = @(
            { Register-GtoVersion churn -Ref $c1 -Repository $r }
            { Set-GtoStage churn staging -Version v0.0.1 -Repository $r }
            { Set-GtoStage churn prod -Version v0.0.1 -Repository $r }
            { Register-GtoVersion churn -Ref $c2 -Bump Minor -Repository $r }
            { Set-GtoStage churn staging -Version v0.1.0 -Repository $r }
        )
        try {
            foreach ($write in $writes) {
                $clock += 60
                $env:GIT_COMMITTER_DATE = "@$clock +0000"
                & $write | Out-Null
            }
        }
        finally {
            Remove-Item Env:GIT_COMMITTER_DATE -ErrorAction SilentlyContinue
        }
        @{ Repo = $r; V1 = $c1; V2 = $c2 }
    }

    # The deploy step of the runbook: records what it was handed.
    function Deploy-Model([string] $Path, [string] $Commit) {
        $script:deployed.Add([pscustomobject]@{ Path = $Path; Commit = $Commit })
    }
}

Describe 'The README runbook' {
    BeforeEach {
        $script:deployed = [System.Collections.Generic.List[object]]::new()
        $script:tour = New-TourRegistry
        $script:location = Get-Location
        Set-Location $tour.Repo
    }

    AfterEach {
        Set-Location $script:location
        Remove-TestRepository $tour.Repo
    }

    It 'promotes the approved staging version to prod and deploys its path and commit' {
        # A reviewer approves after registration: the label is only in the annotation at HEAD.
        Set-GtoAnnotation churn -Label approved -Commit
        (Get-GtoVersion 'churn@v0.1.0').Labels | Should -Not -Contain 'approved'

        & $runbook

        (Get-GtoVersion 'churn#prod').Version | Should -Be 'v0.1.0'
        $deployed | Should -HaveCount 1
        $deployed[0].Path | Should -Be 'models/churn.pkl'
        $deployed[0].Commit | Should -Be $tour.V2
        (Invoke-TestGit $tour.Repo @('show', "$($deployed[0].Commit):$($deployed[0].Path)")) | Should -Be 'v2'
    }

    It 'changes nothing and deploys nothing when no staging version is approved' {
        $before = Get-TagNames $tour.Repo
        { & $runbook } | Should -Throw '*approved*'
        Get-TagNames $tour.Repo | Should -Be $before
        (Get-GtoVersion 'churn#prod').Version | Should -Be 'v0.0.1'
        $deployed | Should -HaveCount 0
    }
}
