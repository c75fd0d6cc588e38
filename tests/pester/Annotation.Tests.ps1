# Set-GtoAnnotation / Remove-GtoAnnotation: edit artifacts.yaml in the work tree, validate it, commit it on request.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
}

Describe 'Annotation cmdlets' {
    BeforeEach {
        $repo = New-TestRepository
        New-TestCommit -Path $repo -Files @{ '.gto' = "types: [model, dataset]`n"; 'models/churn.pkl' = 'x' } -Message 'one' | Out-Null
        $file = Join-Path $repo 'artifacts.yaml'
    }
    AfterEach { Remove-TestRepository -Path $repo }

    It 'writes the entry in GTO''s format and returns it with -PassThru' {
        $a = Set-GtoAnnotation churn -Type model -Path models/churn.pkl -MustExist -Label b, a -Description 'Churn' -Repository $repo -PassThru
        $a | Should -BeOfType ([Gto.Annotation])
        $a.Virtual | Should -BeFalse
        (Get-Content $file -Raw) -replace "`r" | Should -Be "churn:`n  description: Churn`n  labels:`n  - b`n  - a`n  path: models/churn.pkl`n  type: model`n  virtual: false`n"
    }

    It 'keeps the other entries when it updates or removes one' {
        Set-GtoAnnotation churn -Type model -Repository $repo
        Set-GtoAnnotation segment -Type dataset -Repository $repo
        Set-GtoAnnotation churn -Description 'Updated' -Repository $repo
        Remove-GtoAnnotation segment -Repository $repo
        (Get-Content $file -Raw) -replace "`r" | Should -Be "churn:`n  description: Updated`n  type: model`n"
    }

    It '-WhatIf writes nothing' {
        Set-GtoAnnotation churn -Type model -Repository $repo -WhatIf
        $file | Should -Not -Exist
        Set-GtoAnnotation churn -Type model -Repository $repo
        $before = Get-Content $file -Raw
        Remove-GtoAnnotation churn -Repository $repo -WhatIf
        Get-Content $file -Raw | Should -Be $before
    }

    It 'rejects a type .gto does not allow with TypeNotAllowed and writes nothing' {
        Set-GtoAnnotation churn -Type report -Repository $repo -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TypeNotAllowed*'
        $err[0].Exception.Message | Should -BeLike "The type 'report' is not allowed: 'types' in .gto ('*.gto') lists 'model', 'dataset'.*"
        $file | Should -Not -Exist
    }

    It 'refuses to edit a damaged artifacts.yaml' {
        Set-Content $file "- a`n- b"
        Set-GtoAnnotation churn -Type model -Repository $repo -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'DamagedAnnotationFile*'
        Get-Content $file -Raw | Should -Be "- a`n- b`n"
    }

    It '-Commit commits only artifacts.yaml with GTO''s message, and the registry then sees the annotation' {
        Set-Content (Join-Path $repo 'notes.txt') 'uncommitted work'
        Set-GtoAnnotation churn -Type model -Path models/churn.pkl -Repository $repo -Commit
        Invoke-TestGit -Path $repo -ArgumentList @('log', '-1', '--format=%s') | Should -Be 'Annotate artifact `churn` of type `model` with path `models/churn.pkl`'
        Invoke-TestGit -Path $repo -ArgumentList @('show', '--name-only', '--format=', 'HEAD') | Should -Be 'artifacts.yaml'
        Invoke-TestGit -Path $repo -ArgumentList @('status', '--porcelain') | Should -Be '?? notes.txt'
        (Get-GtoArtifact churn -Repository $repo).Annotation.Path | Should -Be 'models/churn.pkl'
    }

    It '-Commit refuses when artifacts.yaml has uncommitted changes, and changes nothing' {
        Set-Content $file "churn: {}`n" -NoNewline
        Set-GtoAnnotation churn -Type model -Repository $repo -Commit -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UncommittedChanges*'
        Get-Content $file -Raw | Should -Be "churn: {}`n"
    }

    It 'removing an unknown entry is ArtifactNotFound' {
        Remove-GtoAnnotation nope -Repository $repo -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ArtifactNotFound*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
