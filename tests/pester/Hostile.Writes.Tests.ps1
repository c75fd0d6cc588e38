# Hostile and unlucky writes: a command that writes several tags completes or leaves nothing,
# -Delete can be finished by rerunning it after a crash, git's stale lock files and read-only or
# full file systems give a clear Gto error at once, and artifacts.yaml is replaced atomically.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    Import-Module $modulePath -Force
    $script:mounts = [System.Collections.Generic.List[string]]::new()

    # A registry where churn v0.0.1 went through dev, staging (unassigned) and prod: 5 tags, 4 of them its stage tags.
    function New-StagedRepo {
        $r = New-TestRepository
        New-TestCommit $r @{ 'model.txt' = 'm' } | Out-Null
        Register-GtoVersion churn -New -Repository $r | Out-Null
        Set-GtoStage churn dev -Version v0.0.1 -Repository $r | Out-Null
        Set-GtoStage churn staging -Version v0.0.1 -Repository $r | Out-Null
        Remove-GtoStage churn v0.0.1 staging -Repository $r | Out-Null
        Set-GtoStage churn prod -Version v0.0.1 -Repository $r | Out-Null
        $r
    }

    # The tags a -Delete run deletes, in the order it deletes them (from its -Verbose lines), on a throw-away copy.
    function Get-DeletionOrder([string] $Repo, [scriptblock] $Command) {
        $copy = Join-Path (New-TestFolder 'gto-order-') 'repo'
        Copy-Item -LiteralPath $Repo -Destination $copy -Recurse
        $lines = & $Command $copy 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($lines | ForEach-Object { if ($_.Message -match "^Deleted tag '([^']+)'\.$") { $Matches[1] } })
    }

    # Mounts a file system for a test folder; $null when this machine does not allow mounting (not root).
    function Mount-Test([string[]] $Arguments) {
        $out = & mount @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { return "mount $($Arguments -join ' ') is not possible here: $out" }
        $script:mounts.Add($Arguments[-1])
        $null
    }

    # A repository whose folder is a tiny tmpfs that is full: git can read, but no new file fits.
    function New-FullDiskRepo([switch] $UnregisteredHead) {
        $mount = New-TestFolder 'gto-full-'
        $why = Mount-Test @('-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', $mount)
        if ($why) { return [pscustomobject]@{ Skip = $why } }
        $repo = New-TestRepository -Path (Join-Path $mount 'repo')
        New-TestCommit $repo @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn.pkl`n" } -Message 'annotations' | Out-Null
        Register-GtoVersion churn -Repository $repo | Out-Null
        if ($UnregisteredHead) { New-TestCommit $repo -Message 'next' | Out-Null }
        # The lock file exists from the first write, so only new content needs space.
        & dd if=/dev/zero "of=$(Join-Path $mount 'filler')" bs=4k 2>&1 | Out-Null
        [pscustomobject]@{ Skip = $null; Repo = $repo }
    }
}

AfterAll {
    foreach ($m in $script:mounts) { & umount $m 2>&1 | Out-Null }
    Remove-TestFolders
}

Describe 'Deleting tags with -Delete' {
    It 'deletes registrations last (cancelling tags, then assignments), so the version exists until the end' {
        $repo = New-StagedRepo
        $order = Get-DeletionOrder $repo { param($r) Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Repository $r -Verbose }
        $order | Should -HaveCount 5
        $order[-1] | Should -Be 'churn@v0.0.1'
        $order[0] | Should -Be 'churn#staging!#3'
    }

    # A crash after any number of deletions leaves the first k tags of the order deleted: rerunning must finish the job.
    It 'Unregister-GtoVersion -Delete killed after <_> deletion(s) finishes when run again' -ForEach @(1, 2, 3, 4) {
        $repo = New-StagedRepo
        $order = Get-DeletionOrder $repo { param($r) Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Repository $r -Verbose }
        foreach ($t in $order[0..($_ - 1)]) { Invoke-TestGit $repo @('tag', '-d', $t) | Out-Null }
        $run = Invoke-Captured { Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Repository $repo }
        $run.Errors | Should -BeNullOrEmpty
        @(Get-TagNames $repo | Where-Object { $_ -like 'churn*' }) | Should -BeNullOrEmpty
    }

    It 'Remove-GtoStage -Delete killed after <_> deletion(s) finishes when run again' -ForEach @(1) {
        $repo = New-StagedRepo
        $order = Get-DeletionOrder $repo { param($r) Remove-GtoStage churn v0.0.1 staging -Delete -Confirm:$false -Repository $r -Verbose }
        $order | Should -Be @('churn#staging!#3', 'churn#staging#2')
        Invoke-TestGit $repo @('tag', '-d', $order[0]) | Out-Null
        $run = Invoke-Captured { Remove-GtoStage churn v0.0.1 staging -Delete -Confirm:$false -Repository $repo }
        $run.Errors | Should -BeNullOrEmpty
        @(Get-TagNames $repo | Where-Object { $_ -like 'churn#staging*' }) | Should -BeNullOrEmpty
        Get-TagNames $repo | Should -Contain 'churn#prod#4'
    }

    It 'Disable-GtoArtifact -Delete killed after <_> deletion(s) finishes when run again' -ForEach @(1, 3) {
        $repo = New-StagedRepo
        $order = Get-DeletionOrder $repo { param($r) Disable-GtoArtifact churn -Delete -Confirm:$false -Repository $r -Verbose }
        $order[-1] | Should -Be 'churn@v0.0.1'
        foreach ($t in $order[0..($_ - 1)]) { Invoke-TestGit $repo @('tag', '-d', $t) | Out-Null }
        $run = Invoke-Captured { Disable-GtoArtifact churn -Delete -Confirm:$false -Repository $repo }
        $run.Errors | Should -BeNullOrEmpty
        @(Get-TagNames $repo | Where-Object { $_ -like 'churn*' }) | Should -BeNullOrEmpty
    }

    It 'a -Delete process killed while deleting 3000 tags is finished by running the same command again' {
        $repo = New-TestRepository
        New-TestCommit $repo | Out-Null
        Register-GtoVersion churn -New -Repository $repo | Out-Null
        # 3000 assignment tags written directly (as loose refs), as a long-lived registry would have them.
        $commit = (Invoke-TestGit $repo @('rev-parse', 'HEAD'))
        $stream = [Text.StringBuilder]::new()
        foreach ($i in 1..3000) {
            $null = $stream.Append("tag churn#dev#$i`nfrom $commit`ntagger T <t@example.com> $(1700000000 + $i) +0000`ndata 9`nAssigning`n")
        }
        $stream.ToString() | & git -C $repo fast-import --quiet
        $script = "Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:`$false -Repository '$repo'"
        $pwsh = Get-TestPwshCommand
        $child = Start-Process -FilePath $pwsh[0] -PassThru -ArgumentList (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive',
                '-Command', "Import-Module '$modulePath'; $script") | ForEach-Object { '"' + $_ + '"' }) -RedirectStandardOutput ([IO.Path]::GetTempFileName())
        # Kill it once it has deleted some tags but (most likely) not all of them.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline -and
            @(Get-ChildItem -LiteralPath (Join-Path $repo '.git/refs/tags') -File).Count -gt 2900) { Start-Sleep -Milliseconds 5 }
        if (-not $child.HasExited) { $child.Kill($true) }
        $child.WaitForExit()
        @(Get-TagNames $repo) | Should -Contain 'churn@v0.0.1' -Because 'the registration is deleted last'
        # A kill can leave git's lock file; the rerun names it, and after removing it the rerun finishes.
        $run = Invoke-Captured { Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Repository $repo }
        foreach ($e in $run.Errors) {
            ($e.FullyQualifiedErrorId -split ',')[0] | Should -Be 'GitLockFileExists'
            Remove-Item -LiteralPath $e.TargetObject
            $run = Invoke-Captured { Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Repository $repo }
        }
        $run.Errors | Should -BeNullOrEmpty
        @(Get-TagNames $repo | Where-Object { $_ -like 'churn*' }) | Should -BeNullOrEmpty
    }
}

Describe 'git lock files left by a dead git process' {
    It '<Lock> makes <Command> fail with GitLockFileExists naming the file, writing nothing' -ForEach @(
        @{ Lock = 'packed-refs.lock'; Command = 'Register-GtoVersion churn' }
        @{ Lock = 'refs/tags/churn@v0.0.2.lock'; Command = 'Register-GtoVersion churn' }
        @{ Lock = 'packed-refs.lock'; Command = 'Set-GtoStage churn prod -Version v0.0.1' }
        @{ Lock = 'refs/tags/churn#prod#1.lock'; Command = 'Set-GtoStage churn prod -Version v0.0.1' }
        @{ Lock = 'refs/tags/churn@v0.0.1.lock'; Command = 'Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false' }
        @{ Lock = 'packed-refs.lock'; Command = 'Disable-GtoArtifact churn' }
    ) {
        $repo = New-TestRepository
        New-TestCommit $repo | Out-Null
        Register-GtoVersion churn -New -Repository $repo | Out-Null
        New-TestCommit $repo -Message 'next' | Out-Null
        $lockPath = Join-Path $repo ".git/$Lock"
        New-Item -ItemType File -Path $lockPath -Force | Out-Null
        $before = Get-RepoSnapshot $repo
        $run = Invoke-Captured ([scriptblock]::Create("$Command -Repository '$repo'"))
        $run.Errors | Should -HaveCount 1
        Assert-GtoError $run.Errors[0]
        ($run.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'GitLockFileExists'
        $run.Errors[0].TargetObject | Should -Be ([IO.Path]::GetFullPath($lockPath))
        "$($run.Errors[0])" | Should -Match 'delete the file'
        Get-RepoSnapshot $repo | Should -Be $before
    }
}

Describe 'A command that writes two tags' {
    It 'Set-GtoStage with implicit registration on a full disk leaves neither tag' {
        $full = New-FullDiskRepo -UnregisteredHead
        if ($full.Skip) { Set-ItResult -Skipped -Because $full.Skip; return }
        $before = Get-RepoSnapshot $full.Repo
        $run = Invoke-Captured { Set-GtoStage churn prod -Ref HEAD -New -Repository $full.Repo }
        $run.Errors | Should -HaveCount 1
        Assert-GtoError $run.Errors[0]
        Get-RepoSnapshot $full.Repo | Should -Be $before
    }
}

Describe 'A read-only repository' {
    BeforeAll {
        $script:ro = New-TestRepository
        New-TestCommit $ro @{ 'artifacts.yaml' = "churn:`n  type: model`n" } | Out-Null
        Register-GtoVersion churn -Repository $ro | Out-Null
        $script:roMount = New-TestFolder 'gto-ro-'
        $script:roSkip = Mount-Test @('--bind', '-o', 'ro', $ro, $roMount)
    }

    It '<Command> fails with PermissionDenied, not a wait for the lock' -ForEach @(
        @{ Command = 'Register-GtoVersion churn -Ref HEAD -Version v1.0.0 -Force' }
        @{ Command = 'Set-GtoStage churn prod -Version v0.0.1' }
        @{ Command = 'Set-GtoAnnotation churn -Description changed' }
        @{ Command = 'Remove-GtoAnnotation churn' }
    ) {
        if ($roSkip) { Set-ItResult -Skipped -Because $roSkip; return }
        # Not timed: a command that waited for a lock it can never take would end with RegistryLocked instead.
        $run = Invoke-Captured ([scriptblock]::Create("$Command -Repository '$roMount'"))
        $run.Errors | Should -HaveCount 1
        Assert-GtoError $run.Errors[0]
        ($run.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'PermissionDenied'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
    }

    It 'still reads' {
        if ($roSkip) { Set-ItResult -Skipped -Because $roSkip; return }
        (Get-GtoVersion churn -Repository $roMount).Version | Should -Be 'v0.0.1'
    }
}

Describe 'Editing artifacts.yaml' {
    It 'on a full disk fails clearly and leaves the file byte for byte as it was, with no temporary file' {
        $full = New-FullDiskRepo
        if ($full.Skip) { Set-ItResult -Skipped -Because $full.Skip; return }
        $file = Join-Path $full.Repo 'artifacts.yaml'
        # A larger entry than fits in what is left.
        $before = [IO.File]::ReadAllBytes($file)
        $run = Invoke-Captured { Set-GtoAnnotation churn -Description ('x' * 200000) -Repository $full.Repo }
        $run.Errors | Should -HaveCount 1
        Assert-GtoError $run.Errors[0]
        ($run.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'FileWriteFailed'
        [IO.File]::ReadAllBytes($file) | Should -Be $before
        @(Get-ChildItem -LiteralPath $full.Repo -Force -File | Where-Object Name -Like '*.tmp') | Should -BeNullOrEmpty
    }

    It 'keeps the file mode of artifacts.yaml' {
        if ($IsWindows) { Set-ItResult -Skipped -Because 'Unix file modes'; return }
        $repo = New-TestRepository
        New-TestCommit $repo @{ 'artifacts.yaml' = "churn:`n  type: model`n" } | Out-Null
        $file = Join-Path $repo 'artifacts.yaml'
        & chmod 640 $file
        Set-GtoAnnotation churn -Description 'changed' -Repository $repo
        (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, GroupRead')
    }

    It 'refuses an artifacts.yaml that is a symbolic link, leaving its target untouched' {
        $repo = New-TestRepository
        New-TestCommit $repo | Out-Null
        $outside = Join-Path (New-TestFolder 'gto-outside-') 'outside.yaml'
        Set-Content -LiteralPath $outside -Value "precious: {}" -NoNewline
        New-Item -ItemType SymbolicLink -Path (Join-Path $repo 'artifacts.yaml') -Target $outside | Out-Null
        $before = Get-RepoSnapshot $repo
        $run = Invoke-Captured { Set-GtoAnnotation churn -Type model -Repository $repo }
        $run.Errors | Should -HaveCount 1
        ($run.Errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be 'DamagedAnnotationFile'
        Get-Content -LiteralPath $outside -Raw | Should -Be 'precious: {}'
        Get-RepoSnapshot $repo | Should -Be $before
    }
}
