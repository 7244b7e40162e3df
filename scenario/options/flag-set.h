/*
 * The one option parser of our programs (handshake-sim, its components, handshake-emu): the flags
 * a program accepts, each bound to the value it sets, checked before ns-3's CommandLine sees them
 * and then parsed by it (so that --PrintHelp, --RngRun and ns-3 attributes work as in ns-3).
 *
 * Check() screens what CommandLine would take badly: a flag of ours without a value or with white
 * space in it (operator>> keeps only the first word), a switch with a value that is not a boolean,
 * an unknown name, ns-3 global values and attribute defaults that ns-3 aborts on later.
 */
#ifndef HANDSHAKE_FLAG_SET_H
#define HANDSHAKE_FLAG_SET_H

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class FlagSet
{
  public:
    // A name added twice is a programming error (two components claiming one flag): it aborts
    // with both helps, when the flags are put together, before anything is parsed.

    /** --name=VALUE: sets \p value to the text given (a value is required). */
    void Add(const std::string& name, const std::string& help, std::string& value);
    /** --name, or --name=true|false|1|0. */
    void AddSwitch(const std::string& name, const std::string& help, bool& value);
    /** A flag the program handles before the parse (--config, replaced by the flags its file
     *  holds): listed in the help, refused by Check. */
    void AddHandledBefore(const std::string& name, const std::string& help, std::string& value);
    /** Inserts \p flags before the flag at \p position (their order kept): a group in its place. */
    void Insert(size_t position, const FlagSet& flags);
    size_t Size() const;
    /** Whether \p name is one of ours (a flag or switch; not a flag handled before the parse). */
    bool Has(const std::string& name) const;
    /** Each flag's name and value as it stands (a switch "true" or "false"), in the help's order;
     *  not the flags handled before the parse. */
    std::vector<std::pair<std::string, std::string>> Values() const;

    /** The first of \p args ("--name=value" each) that cannot be parsed: "--name: what is wrong"
     *  (one line); empty when all can. Sets the ns-3 globals and attribute defaults it checks. */
    std::string Check(const std::vector<std::string>& args) const;
    /** Whether \p name is one of ns-3's print commands (--PrintHelp...), which exit the program. */
    static bool IsPrintCommand(const std::string& name);

    /** Parses \p args (checked) into the bound values with ns-3's CommandLine; \p usage heads the
     *  help. */
    void Parse(const std::string& program, const std::string& usage, std::vector<std::string> args) const;

  private:
    struct Flag
    {
        std::string name;
        std::string help;
        std::string* text{nullptr}; //!< a flag with a value
        bool* on{nullptr};          //!< a switch
        bool handledBefore{false};
    };

    const Flag* Find(const std::string& name) const;
    /** Aborts when \p flag's name is taken already. */
    void Append(const Flag& flag);
    static std::string CheckValue(const Flag& flag, bool hasValue, const std::string& value);
    static std::string CheckNs3Name(const std::string& name, const std::string& value);

    std::vector<Flag> m_flags;
};

} // namespace ns3

#endif // HANDSHAKE_FLAG_SET_H
