# Hostile remotes outside git's own -Remote: a -DvcRemote of Save-GtoArtifact (or a .dvc/config remote) that names a
# command transport, a network share or carries a password, and a hostile URL among several -Repository values.
# Nothing may run, nothing may be written, no password may be shown, and each refusal has its own Gto error id.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    $script:modulePath = Get-GtoModulePath
    Import-Module $script:modulePath -Force

    # model.pkl tracked by DVC, its object in no cache, so Save-GtoArtifact has to go to the DVC remote; .dvc/config
    # names no default remote unless -ConfigUrl gives the url of the remote 'storage'.
    function New-DvcRegistry([string] $ConfigUrl) {
        $r = New-TestRepository
        $config = if ($ConfigUrl) { "[core]`n    remote = storage`n['remote `"storage`"']`n    url = $ConfigUrl`n" } else { "[core]`n" }
        New-TestCommit $r @{
            '.dvc/config'    = $config
            'model.pkl.dvc'  = "outs:`n- md5: 0123456789abcdef0123456789abcdef`n  size: 3`n  hash: md5`n  path: model.pkl`n"
            'artifacts.yaml' = "model:`n  type: model`n  path: model.pkl`n"
        } | Out-Null
        New-TestTag $r 'model@v1.0.0' 'Registering artifact model version v1.0.0' | Out-Null
        New-Item -ItemType File -Path (Join-Path $r '.git/gto.lock') | Out-Null
        $r
    }

    # A registry with m@v1.0.0, for the reads.
    function New-Registry {
        $r = New-TestRepository
        New-TestCommit $r @{ 'a.txt' = 'a' } | Out-Null
        New-TestTag $r 'm@v1.0.0' 'Registering artifact m version v1.0.0' | Out-Null
        New-Item -ItemType File -Path (Join-Path $r '.git/gto.lock') | Out-Null
        $r
    }

    function Format-Quoted([string] $Text) { "'" + ($Text -replace "'", "''") + "'" }

    # Runs $Script in this process with -Verbose, returning the errors and every text shown (messages, targets,
    # verbose and progress lines).
    function Invoke-Shown([string] $Repo, [string] $Command, [hashtable] $Parameters) {
        $shell = [powershell]::Create()
        try {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $script:modulePath).AddStatement()
            $null = $shell.AddCommand('Set-Location').AddParameter('LiteralPath', $Repo).AddStatement()
            $null = $shell.AddCommand($Command).AddParameters($Parameters).AddParameter('Verbose')
            $output = @($shell.Invoke())
            $errors = @($shell.Streams.Error)
            [pscustomobject]@{
                Output = $output
                Errors = $errors
                Text   = (@($errors | ForEach-Object { $_.Exception.Message; "$($_.TargetObject)"; $_.ToString() }) +
                    @($shell.Streams.Verbose | ForEach-Object Message) + @($shell.Streams.Warning | ForEach-Object Message) +
                    @($shell.Streams.Progress | ForEach-Object { $_.Activity; $_.StatusDescription })) -join "`n"
            }
        }
        finally { $shell.Dispose() }
    }
}

AfterAll { Remove-TestFolders }

Describe 'A hostile -DvcRemote of Save-GtoArtifact' {
    It 'refuses -DvcRemote <Value> with <Id>: no command runs, nothing is written' -ForEach @(
        @{ Value = 'ext::sh -c touch% {0}'; Id = 'DvcRemoteNotSupported' }
        @{ Value = 'ext::sh -c "touch {0}"'; Id = 'DvcRemoteNotSupported' }
        @{ Value = 'fd::0'; Id = 'DvcRemoteNotSupported' }
        @{ Value = 'file://evil.example.invalid/share'; Id = 'DvcRemoteNotSupported' }
        @{ Value = 'file://localhost/../../etc'; Id = 'DvcRemoteNotSupported' }
        @{ Value = 'file:///'; Id = 'ContentNotAvailable' }
        @{ Value = 'file:///%2e%2e/%2e%2e/etc'; Id = 'ContentNotAvailable' }
    ) {
        $repo = New-DvcRegistry
        $marker = Join-Path (New-TestFolder) 'pwned'
        $dest = Join-Path (New-TestFolder) 'out'
        $before = Get-RepoSnapshot $repo
        $run = Invoke-GtoChild $repo "Save-GtoArtifact model -Destination $(Format-Quoted $dest) -DvcRemote $(Format-Quoted ($Value -f $marker))"
        Assert-Survived $run
        @($run.Errors.Id) | Should -Be @($Id)
        Test-Path -LiteralPath $marker | Should -BeFalse
        Test-Path -LiteralPath $dest | Should -BeFalse
        Get-RepoSnapshot $repo | Should -Be $before
    }

    It 'refuses a .dvc/config remote whose url is <Url> the same way' -ForEach @(
        @{ Url = 'ext::sh -c touch% {0}' }
        @{ Url = 'file://evil.example.invalid/share' }
    ) {
        $marker = Join-Path (New-TestFolder) 'pwned'
        $repo = New-DvcRegistry -ConfigUrl ($Url -f $marker)
        $dest = Join-Path (New-TestFolder) 'out'
        $run = Invoke-GtoChild $repo "Save-GtoArtifact model -Destination $(Format-Quoted $dest)"
        Assert-Survived $run
        @($run.Errors.Id) | Should -Be @('DvcRemoteNotSupported')
        $run.Errors[0].Message | Should -Match "DVC remote 'storage'"
        Test-Path -LiteralPath $marker | Should -BeFalse
        Test-Path -LiteralPath $dest | Should -BeFalse
    }

    It 'keeps the secret of -DvcRemote <Value> out of the error, its target, verbose and progress' -ForEach @(
        @{ Value = 'http://alice:s3cr3t-PW@127.0.0.1:{0}/dvc'; Id = 'DvcRemoteFailed'; Secrets = @('s3cr3t-PW'); Shown = 'http://alice:***@127.0.0.1:{0}/dvc' }
        @{ Value = 'https://ghp_T0kenT0kenT0ken@127.0.0.1:{0}/dvc'; Id = 'DvcRemoteFailed'; Secrets = @('ghp_T0kenT0kenT0ken'); Shown = 'https://***@127.0.0.1:{0}/dvc' }
        @{ Value = 's3://alice:s3cr3t-PW@bucket/path'; Id = 'DvcRemoteNotSupported'; Secrets = @('s3cr3t-PW'); Shown = 's3://alice:***@bucket/path' }
        @{ Value = 'file://alice:s3cr3t-PW@localhost/tmp'; Id = 'DvcRemoteNotSupported'; Secrets = @('s3cr3t-PW'); Shown = 'file://alice:***@localhost/tmp' }
        @{ Value = 'ext::sh -c curl% https://alice:s3cr3t-PW@example.invalid/'; Id = 'DvcRemoteNotSupported'; Secrets = @('s3cr3t-PW'); Shown = 'ext::sh -c curl% https://alice:***@example.invalid/' }
    ) {
        $port = Get-FreePort
        $repo = New-DvcRegistry
        $dest = Join-Path (New-TestFolder) 'out'
        $r = Invoke-Shown $repo 'Save-GtoArtifact' @{ Name = 'model'; Destination = $dest; DvcRemote = ($Value -f $port) }
        @($r.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @($Id)
        foreach ($e in $r.Errors) { Assert-GtoError $e }
        foreach ($secret in $Secrets) { $r.Text | Should -Not -Match ([regex]::Escape($secret)) }
        $r.Errors[0].Exception.Message | Should -Match ([regex]::Escape(($Shown -f $port)))
        Test-Path -LiteralPath $dest | Should -BeFalse
    }
}

Describe 'A hostile URL among several -Repository values' {
    BeforeAll {
        $script:a = New-Registry
        $script:b = New-Registry
        $script:bUrl = [Uri]::new($script:b).AbsoluteUri
    }

    It 'refuses <Url> alone with InvalidRemote; the other registries are still read and nothing runs' -ForEach @(
        @{ Url = '--upload-pack=touch${{IFS}}{1}@host:repo' }
        @{ Url = 'ext::sh -c touch% {0}' }
        @{ Url = 'fd::0' }
        @{ Url = 'ssh://-oProxyCommand=touch% {0}/repo.git' }
    ) {
        $marker = Join-Path (New-TestFolder) 'pwned'
        $leaf = 'gto-pwned-' + [Guid]::NewGuid().ToString('N')
        $url = $Url -f $marker, $leaf
        $before = Get-RepoSnapshot $script:a
        $all = "@($(Format-Quoted $script:a), $(Format-Quoted $url), $(Format-Quoted $script:bUrl))"
        $run = Invoke-GtoChild $script:a @"
Get-GtoVersion m -Repository $all | ForEach-Object { 'version ' + `$_.Repository }
Get-GtoHistory -Repository $all | ForEach-Object { 'event ' + `$_.Repository }
Test-GtoRegistry -Quiet -Repository $all | ForEach-Object { "healthy `$_" }
Get-GtoArtifact -Repository $all -Trusted -ErrorAction SilentlyContinue -ErrorVariable +trusted | Out-Null
'trusted ' + ((`$trusted | ForEach-Object { (`$_.FullyQualifiedErrorId -split ',')[0] }) -join ' ')
"@
        Assert-Survived $run
        @($run.Errors.Id) | Should -Be @('InvalidRemote', 'InvalidRemote', 'InvalidRemote')
        @($run.Errors.Category | Sort-Object -Unique) | Should -Be @('InvalidArgument')
        $run.Output | Should -Be @("version $script:a", "version $script:bUrl", "event $script:a", "event $script:bUrl",
            'healthy True', 'healthy True', 'trusted PolicyNotFound InvalidRemote PolicyNotFound')
        Test-Path -LiteralPath $marker | Should -BeFalse
        Test-Path -LiteralPath (Join-Path ([IO.Path]::GetTempPath()) $leaf) | Should -BeFalse
        Get-RepoSnapshot $script:a | Should -Be $before
    }

    It 'keeps the password of a refused URL among several out of every text' {
        $url = 'ssh://alice:s3cr3t-PW@-oProxyCommand=touch/repo.git'
        $r = Invoke-Shown $script:a 'Get-GtoArtifact' @{ Repository = @($script:a, $url, $script:bUrl) }
        @($r.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @('InvalidRemote')
        $r.Text | Should -Not -Match 's3cr3t'
        $r.Errors[0].Exception.Message | Should -Match ([regex]::Escape('ssh://alice:***@-oProxyCommand=touch/repo.git'))
        @($r.Output.Repository) | Should -Be @($script:a, $script:bUrl)
    }
}
