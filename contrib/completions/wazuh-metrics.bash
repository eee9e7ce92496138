# bash completion for wazuh-metrics 0.1.0: subcommands, options, their values, process names.
# Written by `npm run docs` from the option tables in source/cli/options/; do not edit.
# Install: copy to /usr/share/bash-completion/completions/wazuh-metrics, or source it.

_wazuh_metrics_words() {
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# -f: files and folders; -d: folders only.
_wazuh_metrics_paths() {
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen "$1" -- "$2")
}

# The values of an option ("command:option", with = at the end when typed as --option=value).
# Fails for a word that is not an option taking a value.
_wazuh_metrics_value() {
	case $1 in
	main:--disk | main:--disk=) _wazuh_metrics_paths -f "$2" ;;
	main:--sleep | main:--sleep= | main:-s | main:-s=) : ;;
	main:--units | main:--units= | main:-u | main:-u=) _wazuh_metrics_words 'B KB MB' "$2" ;;
	main:--disk-unit | main:--disk-unit=) _wazuh_metrics_words 'KB MB GB TB' "$2" ;;
	main:--version | main:--version= | main:-v | main:-v=) : ;;
	main:--healthcheck-time | main:--healthcheck-time= | main:-H | main:-H=) : ;;
	main:--retries | main:--retries= | main:-r | main:-r=) : ;;
	main:--store-process | main:--store-process=) _wazuh_metrics_paths -d "$2" ;;
	main:--store-disk | main:--store-disk=) _wazuh_metrics_paths -d "$2" ;;
	main:--stats-interval | main:--stats-interval=) : ;;
	main:--store-stats | main:--store-stats=) _wazuh_metrics_paths -d "$2" ;;
	main:--retain | main:--retain=) : ;;
	main:--iterations | main:--iterations= | main:-n | main:-n=) : ;;
	main:--install-dir | main:--install-dir=) _wazuh_metrics_paths -d "$2" ;;
	main:--prometheus | main:--prometheus=) : ;;
	main:--textfile | main:--textfile=) _wazuh_metrics_paths -d "$2" ;;
	main:--demo=) _wazuh_metrics_words '4 5' "$2" ;;
	report:--baseline | report:--baseline=) _wazuh_metrics_paths -d "$2" ;;
	report:--format | report:--format=) _wazuh_metrics_words 'md json html junit' "$2" ;;
	report:--fail-on | report:--fail-on=) : ;;
	report:--warmup | report:--warmup=) : ;;
	report:--alpha | report:--alpha=) : ;;
	report:--min-change | report:--min-change=) : ;;
	report:--min-cpu | report:--min-cpu=) : ;;
	report:--min-memory | report:--min-memory=) : ;;
	report:--leak-min-slope | report:--leak-min-slope=) : ;;
	report:--leak-min-growth | report:--leak-min-growth=) : ;;
	report:--leak-min-growth-mib | report:--leak-min-growth-mib=) : ;;
	*) return 1 ;;
	esac
}

_wazuh_metrics() {
	local cur=${COMP_WORDS[COMP_CWORD]} command=main first=1 options=1 i word
	COMPREPLY=()
	if ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[1]} == @(report|replay) ]]; then
		command=${COMP_WORDS[1]}
		first=2
	fi

	# --option=value: bash splits the word at = (COMP_WORDBREAKS); the value follows a lone =.
	if [[ $cur == = ]]; then
		_wazuh_metrics_value "$command:${COMP_WORDS[COMP_CWORD - 1]}=" ''
		return 0
	fi

	if ((COMP_CWORD - 2 >= first)) && [[ ${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
		_wazuh_metrics_value "$command:${COMP_WORDS[COMP_CWORD - 2]}=" "$cur"
		return 0
	fi

	for ((i = first; i < COMP_CWORD; i++)); do
		[[ ${COMP_WORDS[i]} == -- ]] && options=0
	done

	if ((options)); then
		if [[ $cur == -* ]]; then
			case $command in
			main) _wazuh_metrics_words '--disk --sleep --units --disk-unit --version --debug --healthcheck-time --retries --store-process --store-disk --stats-interval --no-stats --store-stats --no-record --retain --headless --batch --iterations --ascii --install-dir --match-by-name --prometheus --prometheus-public --textfile --demo --help' "$cur" ;;
			report) _wazuh_metrics_words '--baseline --format --fail-on --warmup --alpha --min-change --min-cpu --min-memory --leak-min-slope --leak-min-growth --leak-min-growth-mib --help' "$cur" ;;
			replay) _wazuh_metrics_words '--ascii --help' "$cur" ;;
			esac
			return 0
		fi

		if ((COMP_CWORD > first)) && _wazuh_metrics_value "$command:${COMP_WORDS[COMP_CWORD - 1]}" "$cur"; then
			return 0
		fi

		# Every word after --disk up to the next option is one of its values.
		for ((i = COMP_CWORD - 1; i >= first; i--)); do
			word=${COMP_WORDS[i]}
			if [[ $word == -?* && $word != -[0-9]* ]]; then
				case $command:$word in
				main:--disk) _wazuh_metrics_value "$command:$word" "$cur" && return 0 ;;
				esac
				break
			fi
		done
	fi

	case $command in
	main)
		local words='agentd agentlessd analysisd apid authd clusterd csyslogd dashboard db dbd execd indexer integratord logcollector maild modulesd monitord remoted syscheckd'
		((COMP_CWORD == 1)) && words='report replay '$words
		_wazuh_metrics_words "$words" "$cur"
		;;
	report)
		_wazuh_metrics_paths -d "$cur"
		;;
	replay)
		_wazuh_metrics_paths -d "$cur"
		;;
	esac
}

complete -F _wazuh_metrics wazuh-metrics
