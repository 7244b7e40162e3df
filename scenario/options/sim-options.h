/*
 * The command-line flags of handshake-sim (shared/DESIGN.md, "handshake-sim flags"), parsed and
 * validated before anything is written: an invalid flag yields a one-line error that names it.
 * The run's own flags are here; a scenario's components bring theirs as OptionGroups (Add), parsed
 * and validated with these.
 */
#ifndef HANDSHAKE_SIM_OPTIONS_H
#define HANDSHAKE_SIM_OPTIONS_H

#include "ns3/flag-set.h"
#include "ns3/option-group.h"
#include "ns3/run-records.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/** Validated settings of one handshake-sim run. */
class SimOptions
{
  public:
    /** A run stops here at the latest (HandshakeScenario::RUN_LIMIT). */
    static constexpr double RUN_LIMIT_SECONDS = 600;
    /** The first client starts here; --start-window spreads the others after it. */
    static constexpr double FIRST_START_SECONDS = 0.1;
    /**
     * --teardown-grace's default: once every request has its outcome, the longest wait for the
     * clients' connections to end by their TCPs' own timers (RunEndRule). Linux's largest RTO
     * (TCP_RTO_MAX, 120 s) and twice its tcp_fin_timeout; a stock TCP's give-up after its data
     * retries (about 65 s) fits.
     */
    static constexpr double TEARDOWN_GRACE_SECONDS = 120;

    // The run's shape, which every component reads: how many clients and servers, which TCP. The
    // other flags belong to the components (HandshakeSimComponents: topology, workload, ...).
    uint32_t clients{50};
    uint32_t servers{2};
    std::string tcp{"handshake"};
    bool check{false}; //!< --check: validate, write nothing, exit 0

    /** Largest --clients accepted (the address plan has room for 4 M clients in 10.0.0.0/8). */
    static constexpr uint32_t MAX_CLIENTS = 1000000;

    SimOptions();
    /** Not copied: the flags are bound to this object's members. */
    SimOptions(const SimOptions&) = delete;
    SimOptions& operator=(const SimOptions&) = delete;

    /**
     * Adds \p group's flags (after --tcp, in the order groups are added): parsed with the others,
     * validated after them in that order, listed in the report in that order. The group must
     * outlive this object.
     */
    void Add(OptionGroup& group);

    /**
     * Parses argv with ns-3's CommandLine (so --PrintHelp, --RngRun and ns-3 attributes work) and
     * validates every value. Returns an empty string on success, else "--flag: what is wrong".
     */
    std::string Parse(int argc, char* argv[]);

    /**
     * The flags that the text of a --config file holds, in order: one "name = value" (or "name")
     * per line, # starts a comment. Each is checked as a command-line flag would be. Returns an
     * empty string on success, else "SOURCE:LINE: what is wrong" (one line).
     */
    std::string ParseConfigText(const std::string& text,
                                const std::string& source,
                                std::vector<std::string>& flags,
                                std::vector<std::string>* origins = nullptr) const;

    /** "" and \p out set when \p text is a data rate above 0 such as 100Mbps, else "--flag: ...". */
    static std::string ParsePositiveRate(const std::string& flag, const std::string& text, DataRate& out);
    /** "" and \p out set when \p text is a time >= 0 such as 12.5ms, else "--flag: ...". */
    static std::string ParseNonNegativeTime(const std::string& flag, const std::string& text, Time& out);

    /**
     * Every setting in effect after Parse (the `settings` table): each flag of ours with its value
     * and where it came from ("default", "command line" or a --config file's "FILE:LINE"), each
     * --config file, each ns-3 attribute given (--ns3::...), and each ns-3 global value
     * (RngRun, RngSeed, ChecksumEnabled, ...) with \p program as the source of those the program
     * bound itself (\p programGlobals) and the user did not override.
     */
    std::vector<SettingRecord> EffectiveSettings(const std::string& program,
                                                 const std::vector<std::string>& programGlobals) const;

    /** The flags as validated, and the RngRun: the parameters report.html lists, in its order. */
    std::vector<std::pair<std::string, std::string>> ReportParameters() const;

    /**
     * The flags of a TOML config file (a --config=FILE whose name ends in .toml): its top-level keys,
     * or a sweep spec's [flags] (ReadTomlConfig), each checked as a command-line flag would be. Errors as
     * ParseConfigText's, "SOURCE:LINE: what is wrong".
     */
    std::string ParseTomlConfigText(const std::string& text,
                                    const std::string& source,
                                    std::vector<std::string>& flags,
                                    std::vector<std::string>* origins = nullptr) const;

  private:
    /** Why "name = value" (as \p flag) cannot be in a config file; empty when it can. */
    std::string CheckConfigEntry(const std::string& name, const std::string& flag) const;
    /**
     * Replaces each --config=FILE by the flags the file holds, placed first, and notes in
     * m_configOrigins where each flag not given on the command line came from.
     */
    std::string ExpandConfigFiles(std::vector<std::string>& args);
    /** Parse's work once the config files are expanded. */
    std::string ParseExpanded(std::vector<std::string> args, const char* program);
    /** \p error ("--name: ...") led by "FILE:LINE: " when that flag's value came from a config file. */
    std::string WhereFrom(const std::string& error) const;
    std::string Validate();

    std::map<std::string, std::string> m_configOrigins; //!< flag name -> "FILE:LINE"
    // The text of the numeric flags, until validated.
    std::string m_clientsText;
    std::string m_serversText;
    std::string m_configFile; //!< --config, expanded before the parse: only for the help
    std::vector<std::string> m_configFiles; //!< each --config=FILE given, in order
    std::vector<std::string> m_givenArgs;   //!< the flags parsed: config files' first, then argv's
    FlagSet m_flags;
    size_t m_groupFlagsEnd{0}; //!< where the next group's flags go in m_flags
    std::vector<OptionGroup*> m_groups;
};

} // namespace ns3

#endif // HANDSHAKE_SIM_OPTIONS_H
