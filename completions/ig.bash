_ig() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="ig"
                ;;
            ig,advise)
                cmd="ig__subcmd__advise"
                ;;
            ig,completion)
                cmd="ig__subcmd__completion"
                ;;
            ig,features)
                cmd="ig__subcmd__features"
                ;;
            ig,help)
                cmd="ig__subcmd__help"
                ;;
            ig,list-containers)
                cmd="ig__subcmd__list__subcmd__containers"
                ;;
            ig,man)
                cmd="ig__subcmd__man"
                ;;
            ig,run)
                cmd="ig__subcmd__run"
                ;;
            ig,seccomp-advisor)
                cmd="ig__subcmd__seccomp__subcmd__advisor"
                ;;
            ig__subcmd__advise,help)
                cmd="ig__subcmd__advise__subcmd__help"
                ;;
            ig__subcmd__advise,seccomp-profile)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile"
                ;;
            ig__subcmd__advise__subcmd__help,help)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__advise__subcmd__help,seccomp-profile)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,check)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__check"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,daemon)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__daemon"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,diff)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__diff"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,explain)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__explain"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,from-audit-log)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,list)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__list"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,merge)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__merge"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,start)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__start"
                ;;
            ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile,stop)
                cmd="ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__stop"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,check)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__check"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,daemon)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__daemon"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,diff)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__diff"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,explain)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__explain"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,from-audit-log)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,help)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,list)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__list"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,merge)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__merge"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,start)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__start"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile,stop)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__stop"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,check)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__check"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,daemon)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__daemon"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,diff)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__diff"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,explain)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__explain"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,from-audit-log)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,help)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,list)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__list"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,merge)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__merge"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,start)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__start"
                ;;
            ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help,stop)
                cmd="ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__stop"
                ;;
            ig__subcmd__help,advise)
                cmd="ig__subcmd__help__subcmd__advise"
                ;;
            ig__subcmd__help,completion)
                cmd="ig__subcmd__help__subcmd__completion"
                ;;
            ig__subcmd__help,features)
                cmd="ig__subcmd__help__subcmd__features"
                ;;
            ig__subcmd__help,help)
                cmd="ig__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__help,list-containers)
                cmd="ig__subcmd__help__subcmd__list__subcmd__containers"
                ;;
            ig__subcmd__help,man)
                cmd="ig__subcmd__help__subcmd__man"
                ;;
            ig__subcmd__help,run)
                cmd="ig__subcmd__help__subcmd__run"
                ;;
            ig__subcmd__help,seccomp-advisor)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor"
                ;;
            ig__subcmd__help__subcmd__advise,seccomp-profile)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,check)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__check"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,daemon)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__daemon"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,diff)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__diff"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,explain)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__explain"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,from-audit-log)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,list)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__list"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,merge)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__merge"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,start)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__start"
                ;;
            ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile,stop)
                cmd="ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__stop"
                ;;
            ig__subcmd__help__subcmd__run,advise_seccomp)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp"
                ;;
            ig__subcmd__help__subcmd__run,audit_seccomp)
                cmd="ig__subcmd__help__subcmd__run__subcmd__audit_seccomp"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,check)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__check"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,daemon)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__daemon"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,diff)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__diff"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,explain)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__explain"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,from-audit-log)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,list)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__list"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,merge)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__merge"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,start)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__start"
                ;;
            ig__subcmd__help__subcmd__run__subcmd__advise_seccomp,stop)
                cmd="ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__stop"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,check)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__check"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,daemon)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__daemon"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,diff)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__diff"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,explain)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__explain"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,from-audit-log)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,list)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__list"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,merge)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__merge"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,start)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__start"
                ;;
            ig__subcmd__help__subcmd__seccomp__subcmd__advisor,stop)
                cmd="ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__stop"
                ;;
            ig__subcmd__run,advise_seccomp)
                cmd="ig__subcmd__run__subcmd__advise_seccomp"
                ;;
            ig__subcmd__run,audit_seccomp)
                cmd="ig__subcmd__run__subcmd__audit_seccomp"
                ;;
            ig__subcmd__run,help)
                cmd="ig__subcmd__run__subcmd__help"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,check)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__check"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,daemon)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__daemon"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,diff)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__diff"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,explain)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__explain"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,from-audit-log)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,help)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,list)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__list"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,merge)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__merge"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,start)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__start"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp,stop)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__stop"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,check)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__check"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,daemon)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__daemon"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,diff)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__diff"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,explain)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__explain"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,from-audit-log)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,help)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,list)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__list"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,merge)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__merge"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,start)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__start"
                ;;
            ig__subcmd__run__subcmd__advise_seccomp__subcmd__help,stop)
                cmd="ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__stop"
                ;;
            ig__subcmd__run__subcmd__help,advise_seccomp)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp"
                ;;
            ig__subcmd__run__subcmd__help,audit_seccomp)
                cmd="ig__subcmd__run__subcmd__help__subcmd__audit_seccomp"
                ;;
            ig__subcmd__run__subcmd__help,help)
                cmd="ig__subcmd__run__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,check)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__check"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,daemon)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__daemon"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,diff)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__diff"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,explain)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__explain"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,from-audit-log)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,list)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__list"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,merge)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__merge"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,start)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__start"
                ;;
            ig__subcmd__run__subcmd__help__subcmd__advise_seccomp,stop)
                cmd="ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__stop"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,check)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__check"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,daemon)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__daemon"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,diff)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__diff"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,explain)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__explain"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,from-audit-log)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,help)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,list)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__list"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,merge)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__merge"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,start)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__start"
                ;;
            ig__subcmd__seccomp__subcmd__advisor,stop)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__stop"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,check)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__check"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,daemon)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__daemon"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,diff)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__diff"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,explain)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__explain"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,from-audit-log)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__from__subcmd__audit__subcmd__log"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,help)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__help"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,list)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__list"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,merge)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__merge"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,start)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__start"
                ;;
            ig__subcmd__seccomp__subcmd__advisor__subcmd__help,stop)
                cmd="ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__stop"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        ig)
            opts="-v -h -V --verbose --help --version list-containers seccomp-advisor advise run features completion man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise)
            opts="-v -h -V --verbose --help --version seccomp-profile help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help)
            opts="seccomp-profile help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile)
            opts="start stop list from-audit-log merge check diff explain daemon"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__help__subcmd__seccomp__subcmd__profile__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__check)
            opts="-c -n -p -o -v -h -V --profile --recording --audit-log --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recording)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audit-log)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__daemon)
            opts="-v -h -V --id --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__diff)
            opts="-o -v -h -V --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__explain)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log)
            opts="-m -v -h -V --since --pid --exe --per --follow --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exe)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --per)
                    COMPREPLY=($(compgen -W "exe" -- "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help)
            opts="start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__list)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__merge)
            opts="-m -v -h -V --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__start)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__stop)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__completion)
            opts="-v -h -V --verbose --help --version bash zsh fish"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__features)
            opts="-o -v -h -V --output --hold-empty-sys-enter --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help)
            opts="list-containers seccomp-advisor advise run features completion man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise)
            opts="seccomp-profile"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile)
            opts="start stop list from-audit-log merge check diff explain daemon"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__advise__subcmd__seccomp__subcmd__profile__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__completion)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__features)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__list__subcmd__containers)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run)
            opts="advise_seccomp audit_seccomp"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp)
            opts="start stop list from-audit-log merge check diff explain daemon"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__advise_seccomp__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__run__subcmd__audit_seccomp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor)
            opts="start stop list from-audit-log merge check diff explain daemon"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__help__subcmd__seccomp__subcmd__advisor__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__list__subcmd__containers)
            opts="-c -o -w -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --output --watch --timeout --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__man)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run)
            opts="-v -h -V --verbose --help --version advise_seccomp audit_seccomp help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__check)
            opts="-c -n -p -o -v -h -V --profile --recording --audit-log --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recording)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audit-log)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__daemon)
            opts="-v -h -V --id --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__diff)
            opts="-o -v -h -V --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__explain)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log)
            opts="-m -v -h -V --since --pid --exe --per --follow --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exe)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --per)
                    COMPREPLY=($(compgen -W "exe" -- "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help)
            opts="start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__list)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__merge)
            opts="-m -v -h -V --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__start)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__advise_seccomp__subcmd__stop)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__audit_seccomp)
            opts="-c -n -p -o -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --host --source --output --fields --collect-ustack --timeout --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "auto ebpf audit" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fields)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help)
            opts="advise_seccomp audit_seccomp help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp)
            opts="start stop list from-audit-log merge check diff explain daemon"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__advise_seccomp__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 5 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__audit_seccomp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__run__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__check)
            opts="-c -n -p -o -v -h -V --profile --recording --audit-log --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --recording)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --audit-log)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__daemon)
            opts="-v -h -V --id --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__diff)
            opts="-o -v -h -V --caps --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --caps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__explain)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__from__subcmd__audit__subcmd__log)
            opts="-m -v -h -V --since --pid --exe --per --follow --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exe)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --per)
                    COMPREPLY=($(compgen -W "exe" -- "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help)
            opts="start stop list from-audit-log merge check diff explain daemon help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__daemon)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__explain)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__from__subcmd__audit__subcmd__log)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__merge)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__start)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__list)
            opts="-o -v -h -V --output --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__merge)
            opts="-m -v -h -V --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__start)
            opts="-c -n -p -m -v -h -V --runtimes --docker-socketpath --containerd-socketpath --containerd-namespace --containername --k8s-namespace --k8s-podname --k8s-containername --timeout --max-namespaces --include-runtime-setup --explain --auto --learn-args --max-arg-values --default-action --output-dir --base --output-mode --seccomp-profile-name --spo-api-version --merge --coverage --install --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --runtimes)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --docker-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-socketpath)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containerd-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-namespace)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-podname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --k8s-containername)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-namespaces)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --explain)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --learn-args)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-arg-values)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --default-action)
                    COMPREPLY=($(compgen -W "SCMP_ACT_ERRNO SCMP_ACT_KILL SCMP_ACT_KILL_PROCESS SCMP_ACT_KILL_THREAD SCMP_ACT_TRAP SCMP_ACT_LOG" -- "${cur}"))
                    return 0
                    ;;
                --output-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output-mode)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -W "terminal seccomp-profile talos" -- "${cur}"))
                    return 0
                    ;;
                --seccomp-profile-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --spo-api-version)
                    COMPREPLY=($(compgen -W "v1 v1beta1" -- "${cur}"))
                    return 0
                    ;;
                --coverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --install)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ig__subcmd__seccomp__subcmd__advisor__subcmd__stop)
            opts="-v -h -V --verbose --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _ig -o nosort -o bashdefault -o default ig
else
    complete -F _ig -o bashdefault -o default ig
fi
