# Governance through the cmdlets (docs/governance.md): -Sign on the write cmdlets, -Verify and
# -Trusted on the read cmdlets, the promotion policy refusing Set-GtoStage with PolicyViolation
# (nothing written), and Test-GtoRegistry's policy diagnostics. Real ssh keys and gpg keys are
# made in temp folders; every signing setting lives in the test repository's own config.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    Import-Module $modulePath -Force
    $script:keys = New-TestFolder 'gto-keys-'

    # An ed25519 key without passphrase; returns its private key path. Its principal is <name>@example.com.
    function New-SshKey([string] $Name) {
        $file = Join-Path $script:keys "$Name-$([Guid]::NewGuid().ToString('N').Substring(0, 6))"
        ssh-keygen -q -t ed25519 -N '' -C $Name -f $file | Out-Null
        $file
    }

    # A repository signing with $Signer (ssh), whose allowed-signers file trusts $Allowed, with one commit.
    function New-SigningRepo([string] $Signer, [string[]] $Allowed, [hashtable] $Files = @{}) {
        $repo = New-TestRepository
        $script:repos.Add($repo)
        $allowedFile = Join-Path $script:keys "allowed-$([Guid]::NewGuid().ToString('N').Substring(0, 6))"
        $Allowed | ForEach-Object {
            $name = (Split-Path $_ -Leaf) -replace '-.*$', ''
            "$name@example.com namespaces=`"git`" $(Get-Content "$_.pub")"
        } | Set-Content $allowedFile
        Invoke-TestGit $repo @('config', 'gpg.format', 'ssh') | Out-Null
        Invoke-TestGit $repo @('config', 'user.signingKey', $Signer) | Out-Null
        Invoke-TestGit $repo @('config', 'gpg.ssh.allowedSignersFile', $allowedFile) | Out-Null
        New-TestCommit $repo $Files -Message 'first' | Out-Null
        $repo
    }

    $script:repos = [System.Collections.Generic.List[string]]::new()
    $script:alice = New-SshKey 'alice'
    $script:bob = New-SshKey 'bob'
    $script:policy = @{ '.gto-policy.yaml' = "stages:`n  prod:`n    after: [staging]`n    signers: [alice@example.com]`n" }
}

AfterAll {
    foreach ($r in $script:repos) { Remove-TestRepository $r }
    Remove-TestFolders
}

Describe '-Sign' {
    It 'writes tags that git verify-tag accepts, from every write cmdlet used here' {
        $repo = New-SigningRepo $alice @($alice)
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        Set-GtoStage m staging -Version v0.0.1 -Repository $repo -Sign | Out-Null
        Remove-GtoStage m v0.0.1 staging -Repository $repo -Sign | Out-Null
        foreach ($tag in 'm@v0.0.1', 'm#staging#1', 'm#staging!#2') {
            Invoke-TestGit $repo @('verify-tag', $tag) | Out-Null
        }
        # GTO reads the same version and stage history.
        (Get-GtoHistory m -Repository $repo).Count | Should -Be 3
    }

    It 'follows $GtoSignTags when -Sign is not given, and -Sign:$false overrides it' {
        $repo = New-SigningRepo $alice @($alice)
        $GtoSignTags = $true
        Register-GtoVersion m -New -Repository $repo | Out-Null
        Register-GtoVersion n -New -Repository $repo -Sign:$false | Out-Null
        Invoke-TestGit $repo @('verify-tag', 'm@v0.0.1') | Out-Null
        (Invoke-TestGit $repo @('cat-file', 'tag', 'n@v0.0.1')) -join "`n" | Should -Not -Match 'SSH SIGNATURE'
    }

    It 'fails with SigningFailed and writes nothing when git cannot sign' {
        $repo = New-SigningRepo (Join-Path $keys 'no-such-key') @($alice)
        Register-GtoVersion m -New -Repository $repo -Sign:$false | Out-Null
        $before = Get-RepoSnapshot $repo
        $r = Invoke-Captured { Set-GtoStage m prod -Ref HEAD -Repository $repo -Sign -Force }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SigningFailed,*'
        Get-RepoSnapshot $repo | Should -Be $before
    }
}

Describe '-Verify' {
    It 'gives every version and event a Signature: Valid with signer and fingerprint, Unsigned, UnknownKey' {
        $repo = New-SigningRepo $alice @($alice)
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        New-TestTag $repo 'm#dev#2' 'plain git' | Out-Null
        Invoke-TestGit $repo @('config', 'user.signingKey', $bob) | Out-Null
        Set-GtoStage m qa -Version v0.0.1 -Repository $repo -Sign | Out-Null
        $events = @(Get-GtoHistory m -Repository $repo -Verify)
        $byTag = @{}; $events | ForEach-Object { $byTag[$_.Tag] = $_.Signature }
        $byTag['m@v0.0.1'].Status | Should -Be 'Valid'
        $byTag['m@v0.0.1'].Signer | Should -Be 'alice@example.com'
        $byTag['m@v0.0.1'].Fingerprint | Should -Match '^SHA256:'
        $byTag['m#dev#2'].Status | Should -Be 'Unsigned'
        $byTag['m#qa#3'].Status | Should -Be 'UnknownKey'
        $version = Get-GtoVersion m -Repository $repo -Verify
        $version.Signature.Status | Should -Be 'Valid'
        # A version's own Signature is its Ref tag's; its other tags' signatures are on their events in the history.
        $version.Assignments | ForEach-Object { $_.Signature | Should -BeNullOrEmpty }
        (Resolve-GtoRef 'm#qa#3' -Repository $repo -Verify).Signature.Status | Should -Be 'UnknownKey'
        # Without -Verify nothing is checked.
        (Get-GtoVersion m -Repository $repo).Signature | Should -BeNullOrEmpty
    }

    It 'checks openpgp signatures against the gpg keyring' {
        $gnupg = New-TestFolder 'gto-gnupg-'
        "%no-protection`nKey-Type: eddsa`nKey-Curve: ed25519`nKey-Usage: sign`nName-Real: Release Bot`nName-Email: release@example.com`nExpire-Date: 0`n%commit`n" |
            Set-Content (Join-Path $gnupg 'batch')
        gpg --homedir $gnupg --batch --gen-key (Join-Path $gnupg 'batch') 2>$null
        $wrapper = Join-Path $gnupg 'gpg.sh'
        "#!/bin/sh`nexec gpg --homedir '$gnupg' `"`$@`"" | Set-Content $wrapper
        chmod +x $wrapper
        $repo = New-TestRepository
        $script:repos.Add($repo)
        New-TestCommit $repo | Out-Null
        Invoke-TestGit $repo @('config', 'gpg.program', $wrapper) | Out-Null
        Invoke-TestGit $repo @('config', 'user.signingKey', 'release@example.com') | Out-Null
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        $s = (Get-GtoVersion m -Repository $repo -Verify).Signature
        gpgconf --homedir $gnupg --kill gpg-agent
        $s.Status | Should -Be 'Valid'
        $s.Format | Should -Be 'openpgp'
        $s.Signer | Should -Be 'Release Bot <release@example.com>'
    }
}

Describe 'The promotion policy' {
    It 'refuses a promotion that skips a required stage: PolicyViolation, PermissionDenied, the rule and its fix, nothing written' {
        $repo = New-SigningRepo $alice @($alice) $policy
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        $before = Get-RepoSnapshot $repo
        $r = Invoke-Captured { Set-GtoStage m prod -Version v0.0.1 -Repository $repo -Sign -Force }
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        Assert-GtoError $e
        $e.FullyQualifiedErrorId | Should -BeLike 'PolicyViolation,*'
        $e.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $e.Exception.Message | Should -Match "assigned only after 'staging'"
        $e.Exception.Message | Should -Match "assign 'staging' to this version first"
        Get-RepoSnapshot $repo | Should -Be $before
        Set-GtoStage m staging -Version v0.0.1 -Repository $repo | Out-Null
        Set-GtoStage m prod -Version v0.0.1 -Repository $repo -Sign | Out-Null
        @((Get-GtoVersion m -Repository $repo -Trusted).Stages | Sort-Object) | Should -Be @('prod', 'staging')
    }

    It 'lets CI deploy nothing for a pushed tag that breaks the rules, and Test-GtoRegistry names it' {
        $repo = New-SigningRepo $alice @($alice, $bob) $policy
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        Set-GtoStage m staging -Version v0.0.1 -Repository $repo | Out-Null
        # Bob's signature is good, but the policy lets only alice assign prod; a plain tag is unsigned.
        Invoke-TestGit $repo @('config', 'user.signingKey', $bob) | Out-Null
        Invoke-TestGit $repo @('tag', '-s', '-m', 'by bob', 'm#prod#2') | Out-Null
        New-TestTag $repo 'm#prod#3' 'plain git' | Out-Null
        Resolve-GtoRef 'm#prod#2' -Repository $repo | Should -Not -BeNullOrEmpty
        Resolve-GtoRef 'm#prod#2' -Repository $repo -Trusted -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        Resolve-GtoRef 'm#prod#3' -Repository $repo -Trusted -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-GtoArtifact m -Repository $repo -Trusted -WarningVariable w -WarningAction SilentlyContinue).Stages['prod'] | Should -BeNullOrEmpty
        @($w).Count | Should -Be 2
        (Get-GtoArtifact m -Repository $repo).Stages['prod'] | Should -Be @('v0.0.1')
        $problems = @(Test-GtoRegistry -Repository $repo | Where-Object Id -eq 'PolicyViolation')
        $problems.Target | Sort-Object | Should -Be @('m#prod#2', 'm#prod#3')
        ($problems | Where-Object Target -eq 'm#prod#2').Message | Should -Match 'signed by bob@example.com'
        Test-GtoRegistry -Repository $repo -Quiet | Should -BeFalse
    }

    It 'reads the policy from $env:GTO_POLICY_REF when set, and -Trusted fails closed without a policy' {
        $repo = New-SigningRepo $alice @($alice)
        New-TestTag $repo 'm#prod#1' 'plain git' | Out-Null
        { Get-GtoVersion m -Repository $repo -Trusted } | Should -Throw -ErrorId 'PolicyNotFound*'
        Invoke-TestGit $repo @('checkout', '-q', '-b', 'rules') | Out-Null
        New-TestCommit $repo $policy -Message 'rules' | Out-Null
        Invoke-TestGit $repo @('checkout', '-q', 'main') | Out-Null
        { Get-GtoVersion m -Repository $repo -Trusted } | Should -Throw -ErrorId 'PolicyNotFound*'
        $env:GTO_POLICY_REF = 'refs/heads/rules'
        try {
            (Get-GtoVersion m -Repository $repo -Trusted -WarningAction SilentlyContinue).Stages | Should -BeNullOrEmpty
        }
        finally { Remove-Item Env:GTO_POLICY_REF }
    }

    It 'refuses a hostile policy file with InvalidPolicy and writes nothing' {
        $repo = New-SigningRepo $alice @($alice) @{ '.gto-policy.yaml' = "stages:`n  prod: {after: [" + ('[' * 200) + (']' * 200) + "]}`n" }
        # Registering is not governed; it also makes the registry's lock file, which the snapshot would show.
        Register-GtoVersion m -New -Repository $repo | Out-Null
        $before = Get-RepoSnapshot $repo
        $r = Invoke-Captured { Set-GtoStage m prod -Ref HEAD -Repository $repo }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidPolicy,*'
        Assert-GtoError $r.Errors[0]
        Get-RepoSnapshot $repo | Should -Be $before
    }

    It 'Test-GtoRegistry writes the policy diagnostics after the others, also when .gto is broken' {
        $repo = New-SigningRepo $alice @($alice) $policy
        Register-GtoVersion m -New -Repository $repo | Out-Null
        New-TestTag $repo 'm#prod#2' 'plain git' | Out-Null
        New-TestTag $repo 'm@v9.9.9' -Lightweight | Out-Null
        New-TestCommit $repo @{ '.gto' = "stages: [dev, staging, prod]`nbogus: 1`n" } -Message 'broken config' | Out-Null
        @(Test-GtoRegistry -Repository $repo | ForEach-Object { "$($_.Severity) $($_.Id) $($_.Target)" }) | Should -Be @(
            "Error InvalidConfig $(Join-Path $repo '.gto')", 'Warning LightweightTag m@v9.9.9', 'Warning PolicyViolation m#prod#2')
        @(Test-GtoRegistry -Repository $repo, $repo -Quiet) | Should -Be @($false, $false)
    }

    It 'leaves a registry without a policy as it was: unsigned writes, no diagnostics' {
        $repo = New-TestRepository
        $script:repos.Add($repo)
        New-TestCommit $repo | Out-Null
        Set-GtoStage m prod -Ref HEAD -New -Repository $repo | Out-Null
        (Get-GtoVersion m -Repository $repo).Stages | Should -Be @('prod')
        Test-GtoRegistry -Repository $repo -Quiet | Should -BeTrue
    }
}

Describe 'docs/ci/Invoke-GtoDeployDecision.ps1 -Trusted' {
    BeforeAll {
        $script:decide = Join-Path $PSScriptRoot '../../docs/ci/Invoke-GtoDeployDecision.ps1'
        function Invoke-Decision([string] $Repo, [string] $Tag, [switch] $RequirePolicy) {
            $saved = $env:GITHUB_REF
            $env:GITHUB_REF = "refs/tags/$Tag"
            try { & $script:decide -Repository $Repo -Stage prod -Trusted -RequirePolicy:$RequirePolicy -WarningAction SilentlyContinue 6>$null }
            finally { $env:GITHUB_REF = $saved }
        }
    }

    It 'deploys a prod assignment the policy counts, and nothing for one it refuses, saying why' {
        $repo = New-SigningRepo $alice @($alice, $bob) $policy
        Register-GtoVersion m -New -Repository $repo -Sign | Out-Null
        Set-GtoStage m staging -Version v0.0.1 -Repository $repo | Out-Null
        Set-GtoStage m prod -Version v0.0.1 -Repository $repo -Sign | Out-Null
        Invoke-TestGit $repo @('config', 'user.signingKey', $bob) | Out-Null
        Invoke-TestGit $repo @('tag', '-s', '-m', 'by bob', 'm#prod#4') | Out-Null
        $good = Invoke-Decision $repo 'm#prod#2'
        $good.Deploy | Should -BeTrue
        $good.Event.Signature.Signer | Should -Be 'alice@example.com'
        $bad = Invoke-Decision $repo 'm#prod#4'
        $bad.Deploy | Should -BeFalse
        $bad.Reason | Should -Match 'breaks the promotion policy'
        $bad.Reason | Should -Match 'bob@example.com'
    }

    It 'decides from every tag without a policy, unless -RequirePolicy' {
        $repo = New-SigningRepo $alice @($alice)
        Set-GtoStage m prod -Ref HEAD -New -Repository $repo | Out-Null
        (Invoke-Decision $repo 'm#prod#1').Deploy | Should -BeTrue
        { Invoke-Decision $repo 'm#prod#1' -RequirePolicy } | Should -Throw -ErrorId 'PolicyNotFound*'
    }
}

