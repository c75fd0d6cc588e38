# What the cmdlets say on PowerShell's other streams: -Verbose names the repository, the tags read and written and
# what was pushed; -Debug shows the read's timings without prompting; long work reports progress.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force

    $repo = New-TestRepository
    $commit = New-TestCommit -Path $repo -Files @{ 'artifacts.yaml' = "churn:`n  type: model`n" } -Message 'one'
    New-TestTag $repo 'churn@v1.0.0' 'Registering artifact churn version v1.0.0' -Ref $commit | Out-Null
    $origin = New-TestRepository -Bare
    Invoke-TestGit -Path $repo -ArgumentList @('remote', 'add', 'origin', $origin) | Out-Null
}

AfterAll {
    Remove-TestFolders
}

Describe 'Gto stream output' {
    It '-Verbose names the repository and how many tags were read' {
        $verbose = @(Get-GtoArtifact -Repository $repo -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        ($verbose.Message -join "`n") | Should -BeLike "*Reading the registry in '$repo'*"
        ($verbose.Message -join "`n") | Should -BeLike '*1 tags, 1 GTO tags read*'
    }

    It '-Verbose says which tag was created and that it was pushed' {
        $verbose = @(Set-GtoStage churn prod -Ref HEAD -New -Repository $repo -Push -Verbose 4>&1 |
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

# -Debug must not take the other streams away: the verbose and warning messages stay records on their streams, so
# the common parameters and redirections act on them, and nothing asks to continue (which a session that cannot
# prompt turns into a failure). The registry below has one warning: an annotated 'old@created' tag.
Describe 'Gto streams under -Debug' {
    BeforeAll {
        $warnRepo = New-TestRepository
        $c = New-TestCommit -Path $warnRepo -Files @{ 'artifacts.yaml' = "churn:`n  type: model`n" } -Message 'one'
        New-TestTag $warnRepo 'churn@v1.0.0' 'Registering artifact churn version v1.0.0' -Ref $c | Out-Null
        New-TestTag $warnRepo 'old@created' 'reserved form' -Ref $c | Out-Null

        # One -NonInteractive child runs every -Debug case, each between '<<name' and '>>name' lines, so that what
        # reached the host (the console) is known per case; a prompt there would fail the case instead of waiting.
        $child = Join-Path ([IO.Path]::GetTempPath()) "gto-streams-debug-$PID.ps1"
        Set-Content -LiteralPath $child -Encoding utf8 -Value @'
param([string] $Module, [string] $Repo)
$PSStyle.OutputRendering = 'PlainText'
Import-Module $Module
function Case([string] $Name, [scriptblock] $Body) {
    "<<$Name"
    try { & $Body } catch { "CAUGHT $($_.Exception.GetType().Name): $($_.Exception.Message)" }
    ">>$Name"
}
function Kinds($records) {
    foreach ($r in $records) {
        switch ($r) {
            { $_ -is [System.Management.Automation.WarningRecord] } { "W:$($_.Message)"; break }
            { $_ -is [System.Management.Automation.VerboseRecord] } { "V:$($_.Message)"; break }
            { $_ -is [System.Management.Automation.DebugRecord] } { "D:$($_.Message)"; break }
            { $_ -is [System.Management.Automation.InformationRecord] } { "I:$($_.MessageData)"; break }
            default { "O:$($_.GetType().Name)" }
        }
    }
}
Case 'alone' { Get-GtoArtifact -Repository $Repo -Debug | ForEach-Object { "ARTIFACT $($_.Name)" } }
Case 'warningvariable' { $null = Get-GtoArtifact -Repository $Repo -Debug -WarningVariable w 3>$null 4>$null 5>$null; "WV $($w.Count): $($w -join '|')" }
Case 'silentlycontinue' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug -WarningAction SilentlyContinue -WarningVariable w 4>$null 5>$null 3>&1); "WV $($w.Count)" }
Case 'stop' { Get-GtoArtifact -Repository $Repo -Debug -WarningAction Stop 4>$null 5>$null | Out-Null; 'NOT STOPPED' }
Case 'null3' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug 3>$null 4>&1 5>&1) }
Case 'null4' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug 3>&1 4>$null 5>&1) }
Case 'null5' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug 3>&1 4>&1 5>$null) }
Case 'all' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug *>&1) }
Case 'verbose' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug -Verbose 3>$null 5>$null 4>&1) }
Case 'verboseoff' { Kinds @(Get-GtoArtifact -Repository $Repo -Debug -Verbose:$false 3>$null 5>$null 4>&1) }
Case 'write' { Kinds @(Set-GtoStage churn dev -Ref HEAD -New -Repository $Repo -Debug -WarningVariable w *>&1); "WV $($w.Count)" }
'finished'
'@
        $pwsh = Get-TestPwshCommand
        $lines = @(& $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $child -Module $modulePath -Repo $warnRepo 2>&1 |
                ForEach-Object { "$_" })
        $exitCode = $LASTEXITCODE
        $all = $lines -join "`n"

        # The lines a case printed or left on the host.
        function Get-Case([string] $Name) {
            $from = [array]::IndexOf($lines, "<<$Name"); $to = [array]::IndexOf($lines, ">>$Name")
            if ($from -lt 0 -or $to -lt $from) { throw "case '$Name' did not run:`n$all" }
            if ($to -eq $from + 1) { return @() }
            , @($lines[($from + 1)..($to - 1)])
        }
        $warning = 'W:*old@created*reserved form*'
    }

    AfterAll {
        Remove-TestRepository -Path $warnRepo
        Remove-Item -LiteralPath $child -Force -ErrorAction SilentlyContinue
    }

    It 'a -NonInteractive session runs every case to the end without a prompt' {
        $exitCode | Should -Be 0 -Because $all
        $all | Should -BeLike '*finished*'
        $all | Should -Not -Match 'NonInteractive|Continue with this operation|PromptForChoice|CAUGHT (?!ActionPreferenceStopException)'
    }

    It '-Debug alone shows the read timings, the verbose lines and the warning on the host' {
        $case = Get-Case 'alone'
        $case | Should -Contain 'ARTIFACT churn'
        $case | Where-Object { $_ -match '^DEBUG: Read timings: read [\d.]+ ms, fold [\d.]+ ms' } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like "VERBOSE: Reading the registry in*" } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like 'WARNING:*old@created*' } | Should -Not -BeNullOrEmpty
    }

    It '-Debug -WarningVariable captures the warning' {
        Get-Case 'warningvariable' | Should -BeLike 'WV 1: *old@created*'
    }

    It '-Debug -WarningAction SilentlyContinue suppresses the warning (and -WarningVariable still gets it)' {
        $case = Get-Case 'silentlycontinue'
        $case | Should -Be @('O:Artifact', 'WV 1')
    }

    It '-Debug -WarningAction Stop stops at the warning' {
        $case = Get-Case 'stop'
        $case | Should -Not -Contain 'NOT STOPPED'
        ($case -join "`n") | Should -BeLike '*CAUGHT ActionPreferenceStopException*old@created*'
    }

    It '-Debug 3>$null drops the warning and keeps the verbose and debug streams' {
        $case = Get-Case 'null3'
        $case | Where-Object { $_ -like 'W:*' -or $_ -like 'WARNING:*' } | Should -BeNullOrEmpty
        $case | Where-Object { $_ -like 'V:Reading the registry*' } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like 'D:Read timings*' } | Should -Not -BeNullOrEmpty
    }

    It '-Debug 4>$null drops the verbose lines and keeps the warning and debug streams' {
        $case = Get-Case 'null4'
        $case | Where-Object { $_ -like 'V:*' -or $_ -like 'VERBOSE:*' } | Should -BeNullOrEmpty
        $case | Where-Object { $_ -like $warning } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like 'D:Read timings*' } | Should -Not -BeNullOrEmpty
    }

    It '-Debug 5>$null drops the debug line and keeps the warning and verbose streams' {
        $case = Get-Case 'null5'
        $case | Where-Object { $_ -like 'D:*' -or $_ -like 'DEBUG:*' } | Should -BeNullOrEmpty
        $case | Where-Object { $_ -like $warning } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like 'V:Reading the registry*' } | Should -Not -BeNullOrEmpty
    }

    It '-Debug *>&1 brings every stream into the output and nothing reaches the host' {
        $case = Get-Case 'all'
        $case | Should -Contain 'O:Artifact'
        $case | Where-Object { $_ -like $warning } | Should -HaveCount 1
        $case | Where-Object { $_ -like 'V:*' } | Should -HaveCount 2
        $case | Where-Object { $_ -like 'D:Read timings*' } | Should -HaveCount 1
        $case | Where-Object { $_ -match '^(WARNING|VERBOSE|DEBUG):' } | Should -BeNullOrEmpty
    }

    It '-Debug -Verbose shows the verbose lines; -Debug -Verbose:$false hides them' {
        Get-Case 'verbose' | Where-Object { $_ -like 'V:Reading the registry*' } | Should -Not -BeNullOrEmpty
        Get-Case 'verboseoff' | Where-Object { $_ -like 'V:*' -or $_ -like 'VERBOSE:*' } | Should -BeNullOrEmpty
    }

    It 'a write under -Debug keeps its verbose lines and warning on their streams' {
        $case = Get-Case 'write'
        $case | Where-Object { $_ -like "V:Created tag 'churn#dev#1'*" } | Should -Not -BeNullOrEmpty
        $case | Where-Object { $_ -like $warning } | Should -Not -BeNullOrEmpty
        $case | Should -Contain 'WV 1'
        $case | Where-Object { $_ -match '^(WARNING|VERBOSE|DEBUG):' } | Should -BeNullOrEmpty
    }

    It 'in a runspace whose host cannot prompt, -Debug writes to the streams and fails nothing' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($modulePath -replace "'", "''")'; `$found = Get-GtoArtifact -Repository '$($warnRepo -replace "'", "''")' -Debug -WarningVariable w; `$found; `"WV `$(`$w.Count)`"")
            $out = $ps.Invoke()
            $ps.HadErrors | Should -BeFalse -Because ($ps.Streams.Error | Out-String)
            $out.Name | Should -Contain 'churn'
            $out | Should -Contain 'WV 1'
            @($ps.Streams.Warning).Message | Should -BeLike '*old@created*'
            @($ps.Streams.Verbose).Count | Should -Be 2
            @($ps.Streams.Debug).Message | Should -Match 'Read timings'
        }
        finally { $ps.Dispose() }
    }
}

# Without -Debug the common parameters and redirections act on the same records; in-process, as nothing can prompt.
Describe 'Gto warning stream in-process' {
    BeforeAll {
        $warnRepo = New-TestRepository
        $c = New-TestCommit -Path $warnRepo -Files @{ 'artifacts.yaml' = "churn:`n  type: model`n" } -Message 'one'
        New-TestTag $warnRepo 'churn@v1.0.0' 'Registering artifact churn version v1.0.0' -Ref $c | Out-Null
        New-TestTag $warnRepo 'old@created' 'reserved form' -Ref $c | Out-Null
    }

    AfterAll { Remove-TestRepository -Path $warnRepo }

    It '-WarningVariable captures the warning' {
        $null = Get-GtoArtifact -Repository $warnRepo -WarningVariable w 3>$null
        @($w).Count | Should -Be 1
        $w[0].Message | Should -BeLike '*old@created*'
    }

    It '-WarningAction SilentlyContinue suppresses the warning' {
        $records = @(Get-GtoArtifact -Repository $warnRepo -WarningAction SilentlyContinue 3>&1 |
                Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $records | Should -BeNullOrEmpty
    }

    It '-WarningAction Stop stops at the warning' {
        { Get-GtoArtifact -Repository $warnRepo -WarningAction Stop 3>$null } | Should -Throw -ExceptionType ([System.Management.Automation.ActionPreferenceStopException])
    }

    It '3>$null drops the warning; *>&1 brings it into the output' {
        @(Get-GtoArtifact -Repository $warnRepo -WarningVariable w 3>$null) | Should -HaveCount 1
        @($w).Count | Should -Be 1
        $all = @(Get-GtoArtifact -Repository $warnRepo -Verbose *>&1)
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -HaveCount 1
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 2
    }
}
