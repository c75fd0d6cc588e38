# What the cmdlets say on PowerShell's other streams: -Verbose names the repository, the tags read and written and
# what was pushed; -Debug shows the read's timings without prompting; long work reports progress.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module $modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force

    $repo = New-TestRepository
    $commit = New-TestCommit -Path $repo -Files @{ 'artifacts.yaml' = "churn:`n  type: model`n" } -Message 'one'
    New-TestTag $repo 'churn@v1.0.0' 'Registering artifact churn version v1.0.0' -Ref $commit | Out-Null
    $origin = Join-Path ([IO.Path]::GetTempPath()) "gto-streams-origin-$PID.git"
    Invoke-TestGit -Path $repo -ArgumentList @('init', '-q', '--bare', $origin) | Out-Null
    Invoke-TestGit -Path $repo -ArgumentList @('remote', 'add', 'origin', $origin) | Out-Null
}

AfterAll {
    Remove-TestRepository -Path $repo
    Remove-Item $origin -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Gto stream output' {
    It '-Verbose names the repository and how many tags were read' {
        $verbose = @(Get-GtoArtifact -Repository $repo -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        ($verbose.Message -join "`n") | Should -BeLike "*Reading the registry in '$repo'*"
        ($verbose.Message -join "`n") | Should -BeLike '*1 tags, 1 GTO tags read*'
    }

    It '-Verbose says which tag was created and that it was pushed' {
        $verbose = @(Set-GtoStage churn prod -Repository $repo -Push -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -BeLike "*Created tag 'churn#prod#1'*"
        $verbose | Should -BeLike "*Pushed tag 'churn#prod#1' to 'origin'*"
        Invoke-TestGit -Path $origin -ArgumentList @('tag') | Should -Contain 'churn#prod#1'
    }

    It '-Debug shows the read timings without asking to continue, even non-interactively' {
        $pwsh = Get-TestPwshCommand
        $command = "Import-Module '$($modulePath -replace "'", "''")'; Get-GtoArtifact -Repository '$($repo -replace "'", "''")' -Debug | Out-Null; 'finished'"
        $out = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $command 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0
        $out | Should -Match 'Read timings: read [\d.]+ ms, fold [\d.]+ ms'
        $out | Should -BeLike '*finished*'
        $out | Should -Not -BeLike '*NonInteractive*'
    }

    It '$DebugPreference = Continue sends the timings to the debug stream' {
        $DebugPreference = 'Continue'
        $records = @(Get-GtoArtifact -Repository $repo 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
        $records.Message | Should -Match 'Read timings'
    }

    It 'Test-GtoRegistry reports progress while it reads the version commits' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($modulePath -replace "'", "''")'; `$ProgressPreference = 'Continue'; Test-GtoRegistry -Repository '$($repo -replace "'", "''")'")
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }
        @($records | Where-Object { $_.Activity -eq 'Checking the registry' -and $_.RecordType -eq 'Processing' }) | Should -Not -BeNullOrEmpty
        $records[-1].RecordType | Should -Be 'Completed'
    }
}
