/*
 * Flags that belong together and to one part of a run (a ScenarioComponent's: --syn-flood and
 * --attacker-rate, --link-down, ...): SimOptions takes their names into its flags, parses them with
 * the others and asks the group to validate its values once the run's own are known.
 */
#ifndef HANDSHAKE_OPTION_GROUP_H
#define HANDSHAKE_OPTION_GROUP_H

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class FlagSet;
class SimOptions;

class OptionGroup
{
  public:
    /** Report rows: a parameter's name and its value as given. */
    using Parameters = std::vector<std::pair<std::string, std::string>>;

    virtual ~OptionGroup() = default;

    /** Declares the group's flags in \p flags, bound to the group's own values, in help order. */
    virtual void AddFlags(FlagSet& flags) = 0;
    /**
     * Checks the group's values once every flag is parsed; \p options holds the run's own (clients,
     * servers, tcp). Returns "--flag: what is wrong" (one line), empty when valid.
     */
    virtual std::string Validate(const SimOptions& options) = 0;
    /** Appends the rows report.html lists for the group (none when its feature is off). */
    virtual void AddReportParameters(Parameters& parameters) const = 0;
};

} // namespace ns3

#endif // HANDSHAKE_OPTION_GROUP_H
