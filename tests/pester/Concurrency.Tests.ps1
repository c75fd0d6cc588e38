# Concurrent writers: 8 real pwsh processes write to ONE repository at the same moment (each
# imports Gto, then waits for a shared "go" file). The per-repository write lock must make them
# behave as if they ran one after another: no two versions on a commit, no counter used twice,
# no lost tag, and every failure a legitimate GTO error.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    $pwsh = Get-TestPwshCommand
    $workDir = New-TestFolder 'gto-race-'

    # The worker: imports Gto once, then for each round: says it is ready, waits for the round's go file, runs its
    # writes, and writes what happened as JSON. One set of 8 processes serves every round (pwsh starts are slow).
    $worker = Join-Path $workDir 'worker.ps1'
    Set-Content -LiteralPath $worker -Encoding utf8 -Value @'
param([string] $ConfigFile)
$c = Get-Content -LiteralPath $ConfigFile -Raw | ConvertFrom-Json
Import-Module $c.ModulePath -ErrorAction Stop
foreach ($round in $c.Rounds) {
    $result = [ordered]@{ Steps = @(); Fatal = $null }
    try {
        New-Item -ItemType File -Path $round.ReadyFile | Out-Null
        $deadline = [DateTime]::UtcNow.AddSeconds(180)
        while (-not (Test-Path -LiteralPath $round.GoFile)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw 'no go signal' }
            Start-Sleep -Milliseconds 2
        }
        foreach ($step in $round.Steps) {
            $e = $null
            $tags = @()
            switch ($step.Action) {
                'register' {
                    $extra = @{}
                    if ($step.Version) { $extra.Version = $step.Version }
                    $v = Register-GtoVersion churn -New -Ref $step.Ref @extra -Repository $round.Repository -ErrorVariable e -ErrorAction SilentlyContinue
                    $tags = @($v | ForEach-Object { $_.Registrations } | ForEach-Object Tag)
                }
                'annotate' {
                    Set-GtoAnnotation $step.Name -Type model -Path $step.Path -Repository $round.Repository -ErrorVariable e -ErrorAction SilentlyContinue
                }
                'assign' {
                    $ev = Set-GtoStage churn prod -Version $step.Version -Force -PassThru -Repository $round.Repository -ErrorVariable e -ErrorAction SilentlyContinue
                    $tags = @($ev | ForEach-Object Tag)
                }
            }
            $result.Steps += [ordered]@{
                Action   = $step.Action
                Ok       = -not $e
                Tags     = $tags
                ErrorIds = @($e | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
                Messages = @($e | ForEach-Object { "$_" })
            }
        }
    }
    catch {
        $result.Fatal = "$($_.FullyQualifiedErrorId): $_"
    }
    $result | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $round.ResultFile
}
'@

    # Starts $Workers worker processes, runs the rounds one after another (each round: all workers write to the round's
    # repository at the same moment), and returns per round the workers' results.
    # A round is @{ Repository = <path>; Steps = <one array of steps per worker> }.
    function Invoke-Race([int] $Workers, [object[]] $Rounds) {
        $race = Join-Path $workDir ([Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $race | Out-Null
        $file = { param($kind, $round, $worker) Join-Path $race "$kind-$round-$worker" }
        $procs = for ($i = 0; $i -lt $Workers; $i++) {
            $config = Join-Path $race "config-$i.json"
            [ordered]@{
                ModulePath = $modulePath
                Rounds     = @(for ($k = 0; $k -lt $Rounds.Count; $k++) {
                        [ordered]@{
                            Repository = $Rounds[$k].Repository; Steps = @($Rounds[$k].Steps[$i])
                            ReadyFile  = & $file 'ready' $k $i; ResultFile = & $file 'result' $k $i; GoFile = & $file 'go' $k 'all'
                        }
                    })
            } | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $config
            $log = Join-Path $race "log-$i"
            $p = Start-Process -FilePath $pwsh[0] -PassThru -NoNewWindow `
                -ArgumentList (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $worker, $config) |
                    ForEach-Object { '"' + $_ + '"' }) `
                -RedirectStandardOutput "$log.out" -RedirectStandardError "$log.err"
            [pscustomobject]@{ Index = $i; Process = $p; Log = $log }
        }
        try {
            for ($k = 0; $k -lt $Rounds.Count; $k++) {
                # Every worker has imported Gto and is polling: release them at the same moment.
                $deadline = [DateTime]::UtcNow.AddSeconds(120)
                while (@($procs | Where-Object { -not (Test-Path -LiteralPath (& $file 'ready' $k $_.Index)) }).Count -gt 0) {
                    if (@($procs | Where-Object { $_.Process.HasExited }).Count -gt 0) { throw "a worker exited before round $k" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw "workers did not get ready for round $k in time" }
                    Start-Sleep -Milliseconds 20
                }
                New-Item -ItemType File -Path (& $file 'go' $k 'all') | Out-Null
            }
            foreach ($w in $procs) {
                if (-not $w.Process.WaitForExit(120000)) { throw "worker $($w.Index) did not finish" }
            }
        }
        finally {
            # Only the processes started here, by id.
            foreach ($w in $procs) { if (-not $w.Process.HasExited) { Stop-Process -Id $w.Process.Id -Force -ErrorAction SilentlyContinue } }
        }
        for ($k = 0; $k -lt $Rounds.Count; $k++) {
            , @(foreach ($w in $procs) {
                    $resultFile = & $file 'result' $k $w.Index
                    [pscustomobject]@{
                        Index    = $w.Index
                        ExitCode = $w.Process.ExitCode
                        Result   = if (Test-Path -LiteralPath $resultFile) { Get-Content -LiteralPath $resultFile -Raw | ConvertFrom-Json } else { $null }
                        Output   = ((Get-Content -LiteralPath "$($w.Log).out", "$($w.Log).err" -Raw -ErrorAction SilentlyContinue) -join "`n")
                    }
                })
        }
    }

    # name -> commit of every churn tag.
    function Get-ChurnTags([string] $Repo) {
        $map = [ordered]@{}
        foreach ($line in Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname:strip=2) %(*objectname)', 'refs/tags/')) {
            $name, $commit = $line -split ' '
            if ($name -like 'churn@*' -or $name -like 'churn#*') { $map[$name] = $commit }
        }
        $map
    }

    function Format-Results($results) { ($results | ConvertTo-Json -Depth 6) }

    # Three rounds, each on its own repository, run by the same 8 worker processes.
    # Round 0: each worker registers its own commit, then force-assigns prod to v0.0.1 (a new counter each time).
    $repo0 = New-TestRepository
    $base0 = New-TestCommit $repo0 -Message 'base'
    Register-GtoVersion churn -New -Ref $base0 -Repository $repo0 | Out-Null
    $commits0 = @(1..8 | ForEach-Object { New-TestCommit $repo0 -Message "candidate $_" })
    # Round 1: all register the same commit with the next version.
    $repo1 = New-TestRepository
    $commit1 = New-TestCommit $repo1 -Message 'contested'
    # Round 2: all register the same commit, each with its own explicit version (distinct tag names, so git cannot
    # reject the losers by name: only the write lock can).
    $repo2 = New-TestRepository
    $commit2 = New-TestCommit $repo2 -Message 'contested'
    # Round 3: all add their own entry to artifacts.yaml (which already holds one) at the same moment.
    $repo3 = New-TestRepository
    New-TestCommit $repo3 @{ 'artifacts.yaml' = "existing:`n  type: model`n" } -Message 'annotations' | Out-Null
    $rounds = @(
        @{ Repository = $repo0; Steps = @(0..7 | ForEach-Object {
                    , @(@{ Action = 'register'; Ref = $commits0[$_] }, @{ Action = 'assign'; Version = 'v0.0.1' }) }) }
        @{ Repository = $repo1; Steps = @(0..7 | ForEach-Object { , @(@{ Action = 'register'; Ref = $commit1 }) }) }
        @{ Repository = $repo2; Steps = @(0..7 | ForEach-Object { , @(@{ Action = 'register'; Ref = $commit2; Version = "v1.0.$_" }) }) }
        @{ Repository = $repo3; Steps = @(0..7 | ForEach-Object { , @(@{ Action = 'annotate'; Name = "model$_"; Path = "models/m$_.pkl" }) }) }
    )
    $raceResults = @(Invoke-Race 8 $rounds)
}

AfterAll {
    Remove-TestFolders
}

Describe '8 processes register 8 commits and assign prod at the same moment' {
    BeforeAll {
        $repo, $base, $commits, $results = $repo0, $base0, $commits0, @($raceResults[0])
        $because = "workers reported: $(Format-Results $results)"
        $tags = Get-ChurnTags $repo
        $registrations = @($tags.Keys | Where-Object { $_ -like 'churn@*' })
        $assignments = @($tags.Keys | Where-Object { $_ -like 'churn#prod#*' })
    }

    It 'every worker ran to the end' {
        $results | Should -HaveCount 8
        foreach ($r in $results) {
            $r.ExitCode | Should -Be 0 -Because $because
            $r.Result | Should -Not -BeNullOrEmpty -Because $because
            $r.Result.Fatal | Should -BeNullOrEmpty -Because $because
        }
    }

    It 'every write succeeded (none is legitimately refused here)' {
        foreach ($r in $results) {
            foreach ($s in $r.Result.Steps) { $s.Ok | Should -BeTrue -Because "$($s.Action) failed: $($s.Messages); $because" }
        }
    }

    It 'each commit got exactly one version, and the versions are v0.0.1..v0.0.9 once each' {
        $registrations | Should -HaveCount 9 -Because $because
        foreach ($c in @($base) + $commits) {
            @($registrations | Where-Object { $tags[$_] -eq $c }) | Should -HaveCount 1 -Because "commit $c; $because"
        }
        @($registrations | Sort-Object) | Should -Be @(1..9 | ForEach-Object { "churn@v0.0.$_" })
    }

    It 'each worker got the version of its own commit' {
        foreach ($r in $results) {
            $reg = $r.Result.Steps | Where-Object Action -EQ 'register'
            @($reg.Tags) | Should -HaveCount 1 -Because $because
            $tags[$reg.Tags[0]] | Should -Be $commits[$r.Index] -Because $because
        }
    }

    It 'the 8 assignments have 8 distinct counters, #1..#8, all on v0.0.1' {
        $assignments | Should -HaveCount 8 -Because $because
        @($assignments | Sort-Object { [int]($_ -replace '^.*#', '') }) | Should -Be @(1..8 | ForEach-Object { "churn#prod#$_" })
        foreach ($a in $assignments) { $tags[$a] | Should -Be $base }
        $reported = @($results | ForEach-Object { $_.Result.Steps | Where-Object Action -EQ 'assign' } | ForEach-Object Tags)
        @($reported | Sort-Object -Unique) | Should -HaveCount 8 -Because "each worker reports its own tag; $because"
    }

    It 'no counter is used twice across the artifact' {
        $counters = @($tags.Keys | Where-Object { $_ -match '#(\d+)$' } | ForEach-Object { [int]$Matches[1] })
        @($counters | Sort-Object -Unique) | Should -HaveCount $counters.Count
    }

    It 'the registry reads every event and Test-GtoRegistry finds no ManyVersionsOnCommit' {
        $history = @(Get-GtoHistory churn -Repository $repo)
        @($history | Where-Object Kind -EQ 'Registration') | Should -HaveCount 9
        @($history | Where-Object Kind -EQ 'Assignment') | Should -HaveCount 8
        $diagnostics = @(Test-GtoRegistry -Repository $repo)
        @($diagnostics | Where-Object Id -EQ 'ManyVersionsOnCommit') | Should -BeNullOrEmpty -Because ($diagnostics | Out-String)
    }
}

Describe '8 processes register the SAME commit at the same moment, each with the next version' {
    BeforeAll {
        $repo, $commit, $results = $repo1, $commit1, @($raceResults[1])
        $because = "workers reported: $(Format-Results $results)"
        $tags = Get-ChurnTags $repo
        $steps = @($results | ForEach-Object { $_.Result.Steps })
    }

    It 'every worker ran to the end' {
        $results | Should -HaveCount 8
        foreach ($r in $results) {
            $r.ExitCode | Should -Be 0 -Because $because
            $r.Result.Fatal | Should -BeNullOrEmpty -Because $because
        }
        $steps | Should -HaveCount 8 -Because $because
    }

    It 'exactly one succeeds' {
        @($steps | Where-Object Ok) | Should -HaveCount 1 -Because $because
        @($steps | Where-Object Ok)[0].Tags | Should -Be 'churn@v0.0.1'
    }

    It 'the other 7 fail with VersionAlreadyRegistered or TagExists' {
        $failed = @($steps | Where-Object { -not $_.Ok })
        $failed | Should -HaveCount 7 -Because $because
        foreach ($f in $failed) {
            @($f.ErrorIds) | Should -HaveCount 1 -Because $because
            $f.ErrorIds[0] | Should -BeIn @('VersionAlreadyRegistered', 'TagExists') -Because $because
        }
    }

    It 'exactly one tag exists, on that commit' {
        @($tags.Keys) | Should -Be @('churn@v0.0.1') -Because $because
        $tags['churn@v0.0.1'] | Should -Be $commit
        @(Test-GtoRegistry -Repository $repo | Where-Object Id -EQ 'ManyVersionsOnCommit') | Should -BeNullOrEmpty
    }
}

Describe '8 processes register the SAME commit at the same moment, each with its own explicit version' {
    BeforeAll {
        $repo, $commit, $results = $repo2, $commit2, @($raceResults[2])
        $because = "workers reported: $(Format-Results $results)"
        $tags = Get-ChurnTags $repo
        $steps = @($results | ForEach-Object { $_.Result.Steps })
    }

    It 'every worker ran to the end' {
        foreach ($r in $results) {
            $r.ExitCode | Should -Be 0 -Because $because
            $r.Result.Fatal | Should -BeNullOrEmpty -Because $because
        }
        $steps | Should -HaveCount 8 -Because $because
    }

    It 'exactly one succeeds and the other 7 fail with VersionAlreadyRegistered' {
        @($steps | Where-Object Ok) | Should -HaveCount 1 -Because $because
        $failed = @($steps | Where-Object { -not $_.Ok })
        $failed | Should -HaveCount 7 -Because $because
        foreach ($f in $failed) { @($f.ErrorIds) | Should -Be 'VersionAlreadyRegistered' -Because $because }
    }

    It 'exactly one version (the winner''s) is on the commit and the registry has no ManyVersionsOnCommit' {
        $winner = @($steps | Where-Object Ok)[0].Tags
        @($tags.Keys) | Should -HaveCount 1 -Because $because
        @($tags.Keys) | Should -Be $winner
        $tags[$winner] | Should -Be $commit
        @(Test-GtoRegistry -Repository $repo | Where-Object Id -EQ 'ManyVersionsOnCommit') | Should -BeNullOrEmpty
    }
}

Describe '8 processes add their own entry to artifacts.yaml at the same moment' {
    BeforeAll {
        $results = @($raceResults[3])
        $because = "workers reported: $(Format-Results $results)"
    }

    It 'every edit succeeded' {
        $results | Should -HaveCount 8
        foreach ($r in $results) {
            $r.Result.Fatal | Should -BeNullOrEmpty -Because $because
            foreach ($s in $r.Result.Steps) { $s.Ok | Should -BeTrue -Because "$($s.Messages); $because" }
        }
    }

    It 'keeps every entry: the one already there and all 8 new ones, each with its own path' {
        # The work-tree file (not committed): its top-level keys are the entries.
        $text = Get-Content -LiteralPath (Join-Path $repo3 'artifacts.yaml') -Raw
        $names = @([regex]::Matches($text, '(?m)^([A-Za-z0-9]\S*):') | ForEach-Object { $_.Groups[1].Value })
        @($names | Sort-Object) | Should -Be @(@('existing') + @(0..7 | ForEach-Object { "model$_" })) -Because $text
        foreach ($i in 0..7) { $text | Should -Match ([regex]::Escape("path: models/m$i.pkl")) }
    }

    It 'leaves no temporary file beside artifacts.yaml' {
        @(Get-ChildItem -LiteralPath $repo3 -Force -File | Where-Object Name -Like '*.tmp') | Should -BeNullOrEmpty
    }
}
