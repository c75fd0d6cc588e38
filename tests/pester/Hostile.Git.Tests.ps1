# Hostile input at the git boundary: remotes and URLs that git would read as options or as commands,
# messages that hand-made quoting would mangle, tags and commits with dates git accepts but .NET
# cannot hold, and credentials in URLs that must never be shown. Every case asserts the process
# survives, that errors carry Gto's ids, and (for refused writes) that nothing changed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    $script:modulePath = Get-GtoModulePath
    Import-Module $script:modulePath -Force

    # A registry: c1 has artifacts.yaml (m: model) and holds m@v1.0.0 and m#prod#1; c2 is HEAD, unregistered.
    function New-Registry {
        $r = New-TestRepository
        $c1 = New-TestCommit $r @{ 'artifacts.yaml' = "m:`n  type: model`n  path: models/m.pkl`n" } -Message 'one' -Date '2026-01-05T09:00:00+00:00'
        New-TestTag $r 'm@v1.0.0' 'Registering artifact m version v1.0.0' -Ref $c1 -Date '2026-01-05T10:00:00+00:00' | Out-Null
        New-TestTag $r 'm#prod#1' 'Assigning stage prod to artifact m version v1.0.0' -Ref $c1 -Date '2026-01-05T11:00:00+00:00' | Out-Null
        $c2 = New-TestCommit $r -Message 'two' -Date '2026-01-06T09:00:00+00:00'
        # The write lock's file stays after every write by design; made now, a snapshot shows only what a write changed.
        New-Item -ItemType File -Path (Join-Path $r '.git/gto.lock') | Out-Null
        [pscustomobject]@{ Path = $r; C1 = $c1; C2 = $c2 }
    }

    # A path in a fresh folder where an injected command would leave a file.
    function New-Marker { Join-Path (New-TestFolder) 'pwned' }

    function New-BareRemote {
        New-TestRepository -Bare -Path (Join-Path (New-TestFolder) 'remote.git')
    }

    # Writes an object from hand-written text (git's own tools refuse some of these dates) and returns its SHA.
    function New-RawObject([string] $Repo, [string] $Type, [string] $Text) {
        $file = Join-Path (New-TestFolder) 'object'
        [IO.File]::WriteAllText($file, $Text, [Text.UTF8Encoding]::new($false))
        @(Invoke-TestGit $Repo @('hash-object', '-t', $Type, '-w', '--literally', $file))[0]
    }

    # An annotated tag whose tagger line ends with $Date exactly (e.g. '999999999999 +0000', '1700000000 +9900').
    function New-RawTag([string] $Repo, [string] $Name, [string] $Target, [string] $Date, [string] $Message = 'hand-made') {
        $sha = New-RawObject $Repo 'tag' "object $Target`ntype commit`ntag $Name`ntagger Mallory <m@example.com> $Date`n`n$Message`n"
        Invoke-TestGit $Repo @('update-ref', "refs/tags/$Name", $sha) | Out-Null
        $sha
    }

    # A commit on top of $Parent (same tree) whose author and committer dates are $Date exactly.
    function New-RawCommit([string] $Repo, [string] $Parent, [string] $Date, [string] $Message = 'odd date') {
        $tree = @(Invoke-TestGit $Repo @('rev-parse', "$Parent^{tree}"))[0]
        New-RawObject $Repo 'commit' "tree $tree`nparent $Parent`nauthor Mallory <m@example.com> $Date`ncommitter Mallory <m@example.com> $Date`n`n$Message`n"
    }

    # An annotated GTO tag with a valid date (git tag itself refuses to tag some of the odd commits).
    function Add-GoodTag([string] $Repo, [string] $Name, [string] $Target) {
        New-RawTag $Repo $Name $Target '1769904000 +0000' | Out-Null
    }

    # Every read cmdlet, in one child run.
    $script:readAll = @'
Get-GtoArtifact -Repository $Repo
Get-GtoArtifact -Repository $Repo -IncludeDeprecated
Get-GtoVersion m -Repository $Repo
Get-GtoVersion m -Repository $Repo -IncludeDeprecated
Get-GtoHistory -Repository $Repo
Get-GtoHistory m -Repository $Repo
Get-GtoStage -Repository $Repo
Get-GtoAnnotation -Repository $Repo
Resolve-GtoRef m@v1.0.0 -Repository $Repo
Test-GtoRegistry -Repository $Repo
'@

    # Runs the reads in a child pwsh; asserts it survived and that the good version m@v1.0.0 is still read.
    function Assert-ReadsSurvive([string] $Repo) {
        $run = Invoke-GtoChild $Repo $script:readAll
        Assert-Survived $run
        $run.Errors.Count | Should -Be 0 -Because (($run.Errors | ForEach-Object { "$($_.Id): $($_.Message)" }) -join '; ')
        ($run.Output -join "`n") | Should -Match 'v1\.0\.0'
        $run
    }

    # A write run in this process: its errors, and whether the repository changed.
    function Invoke-Write([string] $Repo, [scriptblock] $Action) {
        $before = Get-RepoSnapshot $Repo
        Push-Location $Repo
        # A value refused while binding parameters stops the command before it runs: that error is the result.
        try { $r = Invoke-Captured $Action } catch { $r = [pscustomobject]@{ Output = @(); Errors = @($_) } } finally { Pop-Location }
        foreach ($e in $r.Errors) { Assert-GtoError $e }
        $r | Add-Member -NotePropertyName Unchanged -NotePropertyValue ($null -eq (Compare-Object $before (Get-RepoSnapshot $Repo))) -PassThru
    }

    function Get-ErrorIds($Errors) { @($Errors | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { ($_.FullyQualifiedErrorId -split ',')[0] } else { $_.Id } }) }

    # Every text a run showed: output, errors (message and target), warnings.
    function Get-AllText($Run) {
        @($Run.Output) + @($Run.Warnings) + @($Run.Errors | ForEach-Object { $_.Message }) + @($Run.StdErr) -join "`n"
    }

    # Serves $Root over git's "dumb" HTTP protocol on 127.0.0.1 (static files), answering 401 unless the request carries
    # Basic credentials $User:$Password; returns @{ Port; Listener; Shell; Handle; Log } (Log: the paths requested, with
    # whether they were authorised). Stop with Stop-DumbHttp.
    function Start-DumbHttp([string] $Root, [string] $User, [string] $Password) {
        $port = Get-FreePort
        $listener = [System.Net.HttpListener]::new()
        $listener.Prefixes.Add("http://127.0.0.1:$port/")
        $listener.Start()
        $log = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $expected = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${User}:$Password"))
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($listener, $root, $expected, $log)
                while ($listener.IsListening) {
                    try { $context = $listener.GetContext() } catch { break }
                    $path = [Uri]::UnescapeDataString($context.Request.Url.AbsolutePath).TrimStart('/')
                    $authorised = $context.Request.Headers['Authorization'] -eq $expected
                    $log.Enqueue("$authorised $path")
                    $file = Join-Path $root $path
                    if (-not $authorised) {
                        $context.Response.StatusCode = 401
                        $context.Response.AddHeader('WWW-Authenticate', 'Basic realm="gto"')
                    }
                    elseif ($path -notmatch '\.\.' -and (Test-Path -LiteralPath $file -PathType Leaf)) {
                        $bytes = [IO.File]::ReadAllBytes($file)
                        $context.Response.ContentType = 'application/octet-stream'
                        $context.Response.OutputStream.Write($bytes, 0, $bytes.Length)
                    }
                    else { $context.Response.StatusCode = 404 }
                    $context.Response.Close()
                }
            }).AddArgument($listener).AddArgument($Root).AddArgument($expected).AddArgument($log)
        [pscustomobject]@{ Port = $port; Listener = $listener; Shell = $shell; Handle = $shell.BeginInvoke(); Log = $log }
    }

    function Stop-DumbHttp($Server) {
        $Server.Listener.Stop()
        $Server.Listener.Close()
        $Server.Shell.Stop()
        $Server.Shell.Dispose()
    }
}

AfterAll {
    Remove-TestFolders
}

Describe 'A -Remote that git would read as an option or a command is refused before anything is written' {
    It 'refuses -Remote <Remote> (Register-GtoVersion -Push)' -ForEach @(
        @{ Remote = '--receive-pack=touch {0}' }
        @{ Remote = '--exec=touch {0}' }
        @{ Remote = '--upload-pack=touch {0}' }
        @{ Remote = '--mirror' }
        @{ Remote = '-oProxyCommand=touch {0}' }
        @{ Remote = 'ext::sh -c touch% {0}' }
        @{ Remote = 'EXT::sh -c touch% {0}' }
        @{ Remote = 'fd::0' }
        @{ Remote = 'ssh://-oProxyCommand=touch% {0}/repo.git' }
    ) {
        $reg = New-Registry
        $marker = New-Marker
        $value = $Remote -f $marker
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Push -Remote $value -Confirm:$false }
        Get-ErrorIds $r.Errors | Should -Be @('InvalidRemote')
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $r.Unchanged | Should -BeTrue
        Test-Path $marker | Should -BeFalse
    }

    It 'refuses an option-like -Remote in Set-GtoStage, Unregister-GtoVersion and Remove-GtoStage alike' {
        $reg = New-Registry
        $marker = New-Marker
        $value = "--receive-pack=touch $marker"
        $r = Invoke-Write $reg.Path {
            Set-GtoStage m staging -Version v1.0.0 -Push -Remote $value -Confirm:$false
            Unregister-GtoVersion m v1.0.0 -Push -Remote $value -Confirm:$false
            Remove-GtoStage m v1.0.0 prod -Push -Remote $value -Confirm:$false
        }
        Get-ErrorIds $r.Errors | Should -Be @('InvalidRemote', 'InvalidRemote', 'InvalidRemote')
        $r.Unchanged | Should -BeTrue
        Test-Path $marker | Should -BeFalse
    }

    It 'does not push to a remote configured under an option-like name (remote "--mirror" in .git/config)' {
        $reg = New-Registry
        $bare = New-BareRemote
        Invoke-TestGit $reg.Path @('config', 'remote.--mirror.url', $bare) | Out-Null
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Push -Remote '--mirror' -Confirm:$false }
        Get-ErrorIds $r.Errors | Should -Be @('InvalidRemote')
        $r.Unchanged | Should -BeTrue
        @(Get-TagNames $bare).Count | Should -Be 0
    }

    It 'does not run the ext:: URL of a configured remote, even where the repository allows the ext transport' {
        $reg = New-Registry
        $marker = New-Marker
        Invoke-TestGit $reg.Path @('remote', 'add', 'evil', "ext::sh -c touch% $marker") | Out-Null
        Invoke-TestGit $reg.Path @('config', 'protocol.ext.allow', 'always') | Out-Null
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Push -Remote evil -Confirm:$false }
        Get-ErrorIds $r.Errors | Should -Be @('PushFailed')
        Test-Path $marker | Should -BeFalse
        # The tag was written before the push, as with any failed push; the push error says how to retry it.
        Get-TagNames $reg.Path | Should -Contain 'm@v1.0.1'
    }

    It 'pushes to a remote whose path has spaces, quotes and a backslash (every argument reaches git unchanged)' {
        $reg = New-Registry
        $parent = New-TestFolder
        $bare = Join-Path $parent 'my "odd" \ remote.git'
        Invoke-TestGit $parent @('init', '-q', '--bare', $bare) | Out-Null
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Push -Remote $bare -Confirm:$false }
        $r.Errors.Count | Should -Be 0
        Get-TagNames $bare | Should -Be @('m@v1.0.1')
    }

    It 'still pushes a deletion through git push -- <remote> :<ref>' {
        $reg = New-Registry
        $bare = New-BareRemote
        Invoke-TestGit $reg.Path @('push', '-q', $bare, 'refs/tags/*:refs/tags/*') | Out-Null
        $r = Invoke-Write $reg.Path { Remove-GtoStage m v1.0.0 prod -Delete -Push -Remote $bare -Confirm:$false }
        $r.Errors.Count | Should -Be 0
        Get-TagNames $bare | Should -Be @('m@v1.0.0')
    }
}

Describe 'A -Repository URL that git would read as an option or a command is refused before git runs' {
    It 'refuses -Repository <Url>' -ForEach @(
        @{ Url = '--upload-pack=touch${{IFS}}{1}@host:repo' }
        @{ Url = 'ext::sh -c touch% {0}' }
        @{ Url = 'fd::0' }
        @{ Url = 'ssh://-oProxyCommand=touch% {0}/repo.git' }
        @{ Url = 'ssh://user@-oProxyCommand=touch% {0}/repo.git' }
    ) {
        $reg = New-Registry
        $marker = New-Marker
        # {1}: a bare file name (scp-style URLs allow no '/' before the '@'), which git would create in its working folder.
        $leaf = 'gto-pwned-' + [Guid]::NewGuid().ToString('N')
        $url = $Url -f $marker, $leaf
        $before = Get-RepoSnapshot $reg.Path
        $quoted = "'" + ($url -replace "'", "''") + "'"
        # Each in its own try: a refused -Repository is a terminating error, which would end the script.
        $run = Invoke-GtoChild $reg.Path "try { Get-GtoArtifact -Repository $quoted } catch { `$_ }; try { Register-GtoVersion m -Repository $quoted -Confirm:`$false } catch { `$_ }"
        Assert-Survived $run
        @($run.Errors.Id) | Should -Be @('InvalidRemote', 'InvalidRemote')
        @($run.Errors.Category) | Should -Be @('InvalidArgument', 'InvalidArgument')
        Test-Path $marker | Should -BeFalse
        Test-Path (Join-Path ([IO.Path]::GetTempPath()) $leaf) | Should -BeFalse
        $after = Get-RepoSnapshot $reg.Path
        $after | Should -Be $before
    }

    It 'still reads a file:// URL (git clone -- <url> <path>)' {
        $reg = New-Registry
        $url = [Uri]::new($reg.Path).AbsoluteUri
        $run = Invoke-GtoChild $reg.Path "Get-GtoVersion m -Repository '$url' | ForEach-Object { `$_.Version + ' ' + `$_.Repository }"
        Assert-Survived $run
        $run.Errors.Count | Should -Be 0
        $run.Output | Should -Contain "v1.0.0 $url"
    }
}

Describe 'A remote or URL with a line break is refused while binding, and never shows a password' {
    It 'refuses -Remote and -Repository values that hide an option after a line break' {
        $reg = New-Registry
        $marker = New-Marker
        $value = "origin`n--receive-pack=touch $marker"
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Push -Remote $value -Confirm:$false }
        Get-ErrorIds $r.Errors | Should -Be @('ParameterArgumentValidationError')
        $r.Unchanged | Should -BeTrue
        $url = "https://alice:s3cr3t-PW@example.invalid/repo.git`n--upload-pack=touch $marker"
        $r = Invoke-Write $reg.Path { Get-GtoArtifact -Repository $url }
        Get-ErrorIds $r.Errors | Should -Be @('ParameterArgumentValidationError')
        "$($r.Errors[0])" | Should -Match 'alice:\*\*\*@example\.invalid'
        "$($r.Errors[0])" | Should -Not -Match 's3cr3t'
        $r.Unchanged | Should -BeTrue
        Test-Path $marker | Should -BeFalse
    }
}

Describe 'Messages reach git exactly as given' {
    It 'stores -CommitMessage <Name> exactly' -ForEach @(
        @{ Name = 'C:\models\x'; Message = 'C:\models\x' }
        @{ Name = 'with a trailing backslash'; Message = 'ends with \' }
        @{ Name = 'with double and single quotes'; Message = 'say "hi" and ''bye'' \"escaped\"' }
        @{ Name = 'with newlines'; Message = "subject`n`nbody line 1`nbody line 2" }
        @{ Name = 'with unicode'; Message = 'Modell für Ümlaute — 模型 🚀' }
        @{ Name = 'that starts with --'; Message = '--amend --no-verify' }
        @{ Name = 'with shell characters'; Message = '$(touch x) `whoami` ; | & > <' }
    ) {
        $reg = New-Registry
        $head = $reg.C2
        $r = Invoke-Write $reg.Path { Set-GtoAnnotation m -Type model -Path models/m.pkl -Description 'changed' -Commit -CommitMessage $Message -Confirm:$false }
        $r.Errors.Count | Should -Be 0
        (@(Invoke-TestGit $reg.Path @('log', '-1', '--format=%B')) -join "`n").TrimEnd() | Should -BeExactly $Message
        @(Invoke-TestGit $reg.Path @('rev-parse', 'HEAD~1'))[0] | Should -Be $head
    }

    It 'stores a tag -Message with backslashes and quotes exactly' {
        $reg = New-Registry
        $message = 'C:\models\x "quoted" \\server\share'
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Message $message -Confirm:$false }
        $r.Errors.Count | Should -Be 0
        (@(Invoke-TestGit $reg.Path @('for-each-ref', '--format=%(contents)', 'refs/tags/m@v1.0.1')) -join "`n").TrimEnd() | Should -BeExactly $message
    }
}

Describe 'Tags with dates .NET cannot hold' {
    It 'every cmdlet still answers with a foreign tag dated <Date>' -ForEach @(
        @{ Date = '999999999999 +0000' }
        @{ Date = '1700000000 +9900' }
        @{ Date = '1700000000 -1500' }
        @{ Date = '18446744073709551617 +0000' }
        @{ Date = '-99999999999 +0000' }
        @{ Date = '253402300799 +1400' }
    ) {
        $reg = New-Registry
        New-RawTag $reg.Path 'release-1' $reg.C1 $Date | Out-Null
        $run = Assert-ReadsSurvive $reg.Path
        $run.Warnings | Should -BeNullOrEmpty
    }

    It 'skips a GTO tag dated <Date> and reports it as UnreadableTagDate' -ForEach @(
        @{ Tag = 'm@v2.0.0'; Date = '999999999999 +0000' }
        @{ Tag = 'm#staging#2'; Date = '1700000000 +9900' }
        @{ Tag = 'm@v3.0.0'; Date = '-99999999999 +0000' }
        @{ Tag = 'm@v4.0.0!'; Date = '1700000000 -1500' }
    ) {
        $reg = New-Registry
        New-RawTag $reg.Path $Tag $reg.C2 $Date | Out-Null
        # The reads, then a line '--', then the targets of Test-GtoRegistry's UnreadableTagDate diagnostics.
        $reads = ($script:readAll -split "`n" | Where-Object { $_ -notmatch '^Test-GtoRegistry' }) -join "`n"
        $run = Invoke-GtoChild $reg.Path ($reads + "`n'--'`n(Test-GtoRegistry -Repository `$Repo | Where-Object Id -eq 'UnreadableTagDate').Target")
        Assert-Survived $run
        $run.Errors.Count | Should -Be 0
        $split = [array]::IndexOf($run.Output, '--')
        $text = $run.Output[0..($split - 1)] -join "`n"
        $text | Should -Match 'v1\.0\.0'
        $text | Should -Not -Match 'v[234]\.0\.0|staging'
        $run.Output[($split + 1)..($run.Output.Count - 1)] | Should -Be @($Tag)
        $run.Warnings | Should -Not -BeNullOrEmpty
        $run.Warnings | ForEach-Object { $_ | Should -Match ([regex]::Escape($Tag)) }
    }

    It 'still writes when a foreign tag has an unreadable date' {
        $reg = New-Registry
        New-RawTag $reg.Path 'release-1' $reg.C1 '999999999999 +0000' | Out-Null
        $r = Invoke-Write $reg.Path { Register-GtoVersion m -Ref $reg.C2 -Confirm:$false }
        $r.Errors.Count | Should -Be 0
        Get-TagNames $reg.Path | Should -Contain 'm@v1.0.1'
    }
}

Describe 'Commits with dates .NET cannot hold' {
    It 'reads a version whose commit is dated <Date>' -ForEach @(
        @{ Date = '999999999999 +0000' }
        @{ Date = '1700000000 +9900' }
        @{ Date = '-99999999999 +0000' }
        @{ Date = 'garbage' }
    ) {
        $reg = New-Registry
        $odd = New-RawCommit $reg.Path $reg.C2 $Date
        Add-GoodTag $reg.Path 'm@v2.0.0' $odd
        $run = Invoke-GtoChild $reg.Path ($script:readAll + "`n(Get-GtoVersion m -Repository `$Repo -Version v2.0.0).Commit`nGet-GtoHistory m -Repository `$Repo -Ascending | ForEach-Object Kind")
        Assert-Survived $run
        $run.Errors.Count | Should -Be 0 -Because (($run.Errors | ForEach-Object { "$($_.Id): $($_.Message)" }) -join '; ')
        $run.Output | Should -Contain $odd
    }

    It 'reads a registry whose HEAD is a commit dated <Date>' -ForEach @(
        @{ Date = '999999999999 +0000' }
        @{ Date = 'garbage' }
    ) {
        $reg = New-Registry
        $odd = New-RawCommit $reg.Path $reg.C2 $Date
        Invoke-TestGit $reg.Path @('update-ref', 'refs/heads/main', $odd) | Out-Null
        Assert-ReadsSurvive $reg.Path | Out-Null
    }

    It 'refuses to tag a commit dated <Date>, before anything is written' -ForEach @(
        @{ Date = '999999999999 +0000' }
        @{ Date = '1700000000 +9900' }
        @{ Date = '1700000000 -1500' }
    ) {
        $reg = New-Registry
        $odd = New-RawCommit $reg.Path $reg.C2 $Date
        $r = Invoke-Write $reg.Path {
            Register-GtoVersion m -Ref $odd -Confirm:$false
            Set-GtoStage m dev -Ref $odd -New -Confirm:$false
        }
        Get-ErrorIds $r.Errors | Should -Be @('UnreadableCommitDate', 'UnreadableCommitDate')
        $r.Errors[0].Exception.Message | Should -Match $odd
        $r.Unchanged | Should -BeTrue
    }
}

Describe 'GIT_COMMITTER_DATE that git or .NET cannot use' {
    It 'refuses GIT_COMMITTER_DATE=<Date> with InvalidCommitterDate before anything is written' -ForEach @(
        @{ Date = 'garbage' }
        @{ Date = '@999999999999 +0000' }
        @{ Date = '1700000000 -1500' }
        @{ Date = '10000-01-01T00:00:00+00:00' }
    ) {
        $reg = New-Registry
        $before = Get-RepoSnapshot $reg.Path
        $run = Invoke-GtoChild $reg.Path 'Register-GtoVersion m -Repository $Repo -Confirm:$false; Set-GtoStage m dev -Version v1.0.0 -Repository $Repo -Confirm:$false' `
            -Environment @{ GIT_COMMITTER_DATE = $Date }
        Assert-Survived $run
        @($run.Errors.Id) | Should -Be @('InvalidCommitterDate', 'InvalidCommitterDate')
        $run.Errors[0].Message | Should -Match 'GIT_COMMITTER_DATE'
        $after = Get-RepoSnapshot $reg.Path
        $after | Should -Be $before
    }
}

Describe 'Credentials in a -Repository URL are never shown' {
    It 'keeps the secret of <Url> out of the error, its target, verbose and progress (clone to a closed port)' -ForEach @(
        @{ Url = 'http://alice:s3cr3t-PW@127.0.0.1:{0}/r.git'; Secrets = @('s3cr3t-PW'); Shown = 'http://alice:***@127.0.0.1:{0}/r.git' }
        @{ Url = 'http://ghp_T0kenT0kenT0ken@127.0.0.1:{0}/r.git'; Secrets = @('ghp_T0kenT0kenT0ken'); Shown = 'http://***@127.0.0.1:{0}/r.git' }
        @{ Url = 'https://alice:p%40ss%3Aw0rd@127.0.0.1:{0}/r.git'; Secrets = @('p%40ss%3Aw0rd', 'p@ss:w0rd'); Shown = 'https://alice:***@127.0.0.1:{0}/r.git' }
        @{ Url = 'http://127.0.0.1:{0}/r.git?access_token=Tok3nInQuery'; Secrets = @('Tok3nInQuery'); Shown = 'http://127.0.0.1:{0}/r.git?access_token=***' }
    ) {
        $port = Get-FreePort
        $url = $Url -f $port
        $shown = $Shown -f $port
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $script:modulePath).AddStatement()
            $null = $shell.AddCommand('Get-GtoArtifact').AddParameter('Repository', $url).AddParameter('Verbose')
            $shell.Invoke() | Out-Null
            $errors = @($shell.Streams.Error)
            $texts = @($errors | ForEach-Object { $_.Exception.Message; "$($_.TargetObject)"; $_.ToString() }) +
                @($shell.Streams.Verbose | ForEach-Object Message) +
                @($shell.Streams.Progress | ForEach-Object { $_.Activity; $_.StatusDescription })
        }
        finally { $shell.Dispose() }
        Get-ErrorIds $errors | Should -Be @('CloneFailed')
        foreach ($e in $errors) { Assert-GtoError $e }
        $all = $texts -join "`n"
        foreach ($secret in $Secrets) { $all | Should -Not -Match ([regex]::Escape($secret)) }
        "$($errors[0].TargetObject)" | Should -Be $shown
        @($texts | Where-Object { $_ -like "Cloning*" }).Count | Should -BeGreaterThan 0
    }

    Context 'against an HTTP server that wants the credentials' {
        BeforeAll {
            $source = New-Registry
            $serverRoot = New-TestFolder
            $script:bare = Join-Path $serverRoot 'r.git'
            Invoke-TestGit $serverRoot @('clone', '-q', '--bare', $source.Path, $script:bare) | Out-Null
            Invoke-TestGit $script:bare @('repack', '-a', '-d', '-q') | Out-Null
            Invoke-TestGit $script:bare @('update-server-info') | Out-Null
            $script:http = Start-DumbHttp $serverRoot 'alice' 's3cr3t-PW'
            $script:url = "http://alice:s3cr3t-PW@127.0.0.1:$($script:http.Port)/r.git"
            $script:shown = "http://alice:***@127.0.0.1:$($script:http.Port)/r.git"
        }
        AfterAll { Stop-DumbHttp $script:http }

        It 'clones with the real password but names the repository with *** in every object' {
            $run = Invoke-GtoChild $source.Path @"
`$url = '$($script:url)'
Get-GtoArtifact -Repository `$url | ForEach-Object Repository
Get-GtoVersion m -Repository `$url | ForEach-Object Repository
Get-GtoHistory -Repository `$url | ForEach-Object Repository
Get-GtoStage -Repository `$url | ForEach-Object Repository
Resolve-GtoRef m@v1.0.0 -Repository `$url | ForEach-Object Repository
Get-GtoAnnotation -Repository `$url | ForEach-Object Repository
"@
            Assert-Survived $run
            $run.Errors.Count | Should -Be 0
            $run.Output.Count | Should -BeGreaterThan 5
            $run.Output | ForEach-Object { $_ | Should -BeExactly $script:shown }
            Get-AllText $run | Should -Not -Match 's3cr3t'
            @($script:http.Log) | Should -Contain 'True r.git/info/refs'
        }

        It 'pipes objects named with the *** URL into the next cmdlet (it clones with the real password again)' {
            $run = Invoke-GtoChild $source.Path "Get-GtoArtifact -Repository '$($script:url)' | Get-GtoVersion | ForEach-Object { `$_.Version + ' ' + `$_.Repository }"
            Assert-Survived $run
            $run.Errors.Count | Should -Be 0
            $run.Output | Should -Contain "v1.0.0 $($script:shown)"
            $run.Output | ForEach-Object { $_ | Should -BeLike "* $($script:shown)" }
        }

        It 'keeps the password out of a failed push to it (dumb HTTP takes no pushes)' {
            $run = Invoke-GtoChild $source.Path "Register-GtoVersion m -Repository '$($script:url)' -Confirm:`$false -Verbose 4>&1 | ForEach-Object { `"`$_`" }" `
                -Environment @{ GIT_COMMITTER_NAME = 'Remote Tester'; GIT_COMMITTER_EMAIL = 'remote.tester@example.com' }
            Assert-Survived $run
            @($run.Errors.Id) | Should -Be @('PushFailed')
            $run.Errors[0].Message | Should -Match ([regex]::Escape($script:shown))
            Get-AllText $run | Should -Not -Match 's3cr3t'
        }
    }
}
