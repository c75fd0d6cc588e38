# Ctrl+C: a pipeline stopped while Gto waits (for another writer's lock, for a remote that never answers)
# stops, leaves no git process and no temporary clone behind, and reports no Gto error. Each case runs the
# cmdlet in its own runspace of this process and stops it as Ctrl+C does (PowerShell.Stop()). Nothing is
# timed: the cases wait on something that ends much later or never, so a pipeline that ends at all within
# the guard was stopped by Ctrl+C.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    $pwsh = Get-TestPwshCommand

    # A server that accepts connections (the kernel does, from its backlog) and never says a word.
    $script:silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $script:silent.Start(16)
    $script:silentUrl = "git://127.0.0.1:$($script:silent.LocalEndpoint.Port)/never.git"

    # Runs $Script (with the module imported and $Arguments as its parameters) in a new runspace, without waiting.
    function Start-Pipeline([string] $Script, [hashtable] $Arguments) {
        $ps = [powershell]::Create()
        $null = $ps.AddCommand('Import-Module').AddParameter('Name', $modulePath).Invoke()
        $ps.Commands.Clear()
        $null = $ps.AddScript($Script)
        foreach ($k in $Arguments.Keys) { $null = $ps.AddParameter($k, $Arguments[$k]) }
        [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
    }

    # Stops the pipeline as Ctrl+C does; true when it ended within the guard. The guard is no speed limit (a
    # loaded machine may take seconds): it is shorter than what the command would wait without Ctrl+C (the lock's
    # 60 s, or a server that never answers), so only a stop that works ends within it.
    function Stop-Pipeline($Pipeline) {
        $stopping = $Pipeline.PowerShell.BeginStop($null, $null)
        if (-not $stopping.AsyncWaitHandle.WaitOne(30000)) { return $false }
        $Pipeline.PowerShell.EndStop($stopping)
        $true
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 30) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }

    # The git processes this test process started (through Gto) and the helpers they started (git-remote-http), by id.
    function Get-GitChildren {
        $git = @(Get-Process -Name git -ErrorAction SilentlyContinue | Where-Object { $_.Parent -and $_.Parent.Id -eq $PID } | ForEach-Object Id)
        $helpers = @(Get-Process -ErrorAction SilentlyContinue | Where-Object { $_.Parent -and $git -contains $_.Parent.Id } | ForEach-Object Id)
        @($git) + @($helpers)
    }

    # True while one of the processes is still there 30 s on (a killed helper is reaped by init, not by us); a
    # guard, not a speed limit: it returns as soon as they are gone.
    function Test-Running([int[]] $Ids) {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $left = @($Ids | Where-Object { Get-Process -Id $_ -ErrorAction SilentlyContinue })
            if ($left.Count -eq 0) { return $false }
            Start-Sleep -Milliseconds 50
        } while ([DateTime]::UtcNow -lt $deadline)
        Write-Host "    still running: $(($left | ForEach-Object { (Get-Process -Id $_ -ErrorAction SilentlyContinue).Path }) -join ', ')"
        $true
    }

    # The stopped pipeline ended as stopped, with no error of its own (Ctrl+C is not a Gto failure).
    function Assert-Stopped($Pipeline) {
        $Pipeline.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        @($Pipeline.PowerShell.Streams.Error) | Should -BeNullOrEmpty
    }
}

AfterAll {
    $script:silent.Stop()
    Remove-TestFolders
}

Describe 'Stopping a write that waits for the registry lock' {
    BeforeAll {
        $script:repo = New-TestRepository
        New-TestCommit $script:repo | Out-Null
        # Another process holds the lock as a running Gto writer would (the lock is per process on Unix).
        $lock = Join-Path $script:repo '.git/gto.lock'
        $ready = Join-Path $script:repo '.git/holder-ready'
        $hold = "`$f = [IO.File]::Open('$lock', 'OpenOrCreate', 'ReadWrite', 'None'); [IO.File]::WriteAllText('$ready', 'x'); Start-Sleep 300"
        $script:holder = Start-Process -FilePath $pwsh[0] -PassThru -ArgumentList (@($pwsh | Select-Object -Skip 1) +
            @('-NoProfile', '-NonInteractive', '-Command', $hold) | ForEach-Object { '"' + $_ + '"' })
        Wait-Until { Test-Path -LiteralPath $ready }
    }
    AfterAll {
        # Only the process started here, by id.
        if (-not $script:holder.HasExited) { Stop-Process -Id $script:holder.Id -Force -ErrorAction SilentlyContinue }
        $script:holder.WaitForExit()
    }

    It '<Command> stops on Ctrl+C, not after the 60 s wait, and writes nothing' -TestCases @(
        @{ Command = 'Register-GtoVersion'; Script = 'param($Repo) Register-GtoVersion model -New -Repository $Repo' }
        @{ Command = 'Set-GtoAnnotation'; Script = 'param($Repo) Set-GtoAnnotation model -Type model -Repository $Repo' }
    ) {
        $tags = @(Get-TagNames $script:repo)
        $p = Start-Pipeline $Script @{ Repo = $script:repo }
        try {
            Start-Sleep -Milliseconds 1500
            $p.Handle.IsCompleted | Should -BeFalse -Because 'the command waits for the lock'
            Stop-Pipeline $p | Should -BeTrue -Because 'Ctrl+C ends the wait'
            Assert-Stopped $p
        }
        finally { $p.PowerShell.Dispose() }
        @(Get-TagNames $script:repo) | Should -Be $tags
        Join-Path $script:repo 'artifacts.yaml' | Should -Not -Exist
    }
}

Describe 'Stopping a command that waits on a remote that never answers' {
    BeforeEach {
        # Gto's clones go to the temporary folder: a private one shows what a stopped clone leaves.
        $script:temp = New-TestFolder 'gto-cancel-'
        $script:savedTemp = Set-TestEnvironment @{ TMPDIR = $script:temp; TMP = $script:temp; TEMP = $script:temp }
    }
    AfterEach {
        Restore-TestEnvironment $script:savedTemp
    }

    It 'a clone of a <Transport> URL (-Repository) stops promptly, kills git and removes the temporary clone' -TestCases @(
        @{ Transport = 'git://'; Helpers = 1 }
        @{ Transport = 'http://'; Helpers = 2 }
    ) {
        $url = $script:silentUrl -replace '^git://', $Transport
        $p = Start-Pipeline 'param($Url) Get-GtoArtifact -Repository $Url' @{ Url = $url }
        try {
            # http goes through git-remote-http, a child of git: the whole tree must go.
            Wait-Until { (Get-GitChildren).Count -ge $Helpers }
            Start-Sleep -Milliseconds 500
            $git = Get-GitChildren
            $p.Handle.IsCompleted | Should -BeFalse -Because 'the clone waits for the server'
            @(Get-ChildItem -LiteralPath $script:temp -Filter 'gto-remote-*').Count | Should -Be 1 -Because 'git has made the clone folder'
            Stop-Pipeline $p | Should -BeTrue -Because 'Ctrl+C ends the wait'
            Assert-Stopped $p
        }
        finally { $p.PowerShell.Dispose() }
        Test-Running $git | Should -BeFalse -Because 'the git that cloned is killed'
        @(Get-ChildItem -LiteralPath $script:temp -Filter 'gto-remote-*') | Should -BeNullOrEmpty
    }

    It 'a push to a URL (-Push -Remote) stops promptly and kills git; the tag stays local' {
        $repo = New-TestRepository
        New-TestCommit $repo | Out-Null
        $p = Start-Pipeline 'param($Repo, $Url) Register-GtoVersion model -New -Push -Remote $Url -Repository $Repo' @{ Repo = $repo; Url = $script:silentUrl }
        try {
            Wait-Until { (Get-GitChildren).Count -gt 0 -and @(Get-TagNames $repo).Count -gt 0 }
            Start-Sleep -Milliseconds 500
            $git = Get-GitChildren
            $p.Handle.IsCompleted | Should -BeFalse -Because 'the push waits for the server'
            Stop-Pipeline $p | Should -BeTrue -Because 'Ctrl+C ends the wait'
            Assert-Stopped $p
        }
        finally { $p.PowerShell.Dispose() }
        Test-Running $git | Should -BeFalse -Because 'the git that pushed is killed'
        @(Get-TagNames $repo) | Should -Be @('model@v0.0.1')
    }
}
