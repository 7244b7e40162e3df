#include "flag-set.h"

#include "ns3/attribute-bounds.h"
#include "ns3/attribute-text.h"

#include "ns3/abort.h"
#include "ns3/command-line.h"
#include "ns3/global-value.h"
#include "ns3/type-id.h"

#include <algorithm>
#include <cctype>

namespace ns3
{

namespace
{

const std::vector<std::string> g_ns3PrintCommands = {"PrintHelp",
                                                     "PrintGlobals",
                                                     "PrintGroups",
                                                     "PrintGroup",
                                                     "PrintTypeIds",
                                                     "PrintAttributes",
                                                     "PrintVersion",
                                                     "help"};

/**
 * Values of ns-3's global values that their checkers accept and ns-3 fails on later: RngStream
 * aborts on seed 0 (found by fuzz/), and the simulator crashes on a type that is not a simulator
 * implementation or a scheduler. Returns an error text, empty when the value is fine.
 */
std::string
ScreenGlobal(const std::string& name, const std::string& value)
{
    if (name == "RngSeed" && !value.empty() && value.find_first_not_of('0') == std::string::npos)
    {
        return "the seed must be 1 or more";
    }
    const char* base = name == "SimulatorImplementationType" ? "ns3::SimulatorImpl"
                       : name == "SchedulerType"             ? "ns3::Scheduler"
                                                             : nullptr;
    if (!base)
    {
        return "";
    }
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(value, &tid) || !tid.IsChildOf(TypeId::LookupByName(base)))
    {
        return "'" + value + "' is not a TypeId derived from " + base;
    }
    return "";
}

} // namespace

void
FlagSet::Append(const Flag& flag)
{
    auto taken = std::find_if(m_flags.begin(), m_flags.end(),
                              [&flag](const Flag& f) { return f.name == flag.name; });
    NS_ABORT_MSG_IF(taken != m_flags.end(),
                    "FlagSet: --" << flag.name << " is added twice (\"" << taken->help << "\" and \""
                                  << flag.help << "\")");
    m_flags.push_back(flag);
}

void
FlagSet::Add(const std::string& name, const std::string& help, std::string& value)
{
    Append({name, help, &value, nullptr, false});
}

void
FlagSet::AddSwitch(const std::string& name, const std::string& help, bool& value)
{
    Append({name, help, nullptr, &value, false});
}

void
FlagSet::AddHandledBefore(const std::string& name, const std::string& help, std::string& value)
{
    Append({name, help, &value, nullptr, true});
}

void
FlagSet::Insert(size_t position, const FlagSet& flags)
{
    for (const Flag& flag : flags.m_flags)
    {
        Append(flag); // checks the name; moved into place below
    }
    std::rotate(m_flags.begin() + std::min(position, m_flags.size() - flags.m_flags.size()),
                m_flags.end() - flags.m_flags.size(),
                m_flags.end());
}

bool
FlagSet::Has(const std::string& name) const
{
    return Find(name) != nullptr;
}

std::vector<std::pair<std::string, std::string>>
FlagSet::Values() const
{
    std::vector<std::pair<std::string, std::string>> values;
    for (const Flag& flag : m_flags)
    {
        if (!flag.handledBefore)
        {
            values.emplace_back(flag.name, flag.on ? (*flag.on ? "true" : "false") : *flag.text);
        }
    }
    return values;
}

size_t
FlagSet::Size() const
{
    return m_flags.size();
}

bool
FlagSet::IsPrintCommand(const std::string& name)
{
    return std::find(g_ns3PrintCommands.begin(), g_ns3PrintCommands.end(), name) !=
           g_ns3PrintCommands.end();
}

const FlagSet::Flag*
FlagSet::Find(const std::string& name) const
{
    auto flag = std::find_if(m_flags.begin(), m_flags.end(), [&name](const Flag& f) {
        return f.name == name && !f.handledBefore;
    });
    return flag == m_flags.end() ? nullptr : &*flag;
}

std::string
FlagSet::CheckValue(const Flag& flag, bool hasValue, const std::string& value)
{
    if (flag.on)
    {
        // A switch: --name alone, or --name=true|false|1|0.
        if (hasValue && value != "true" && value != "false" && value != "1" && value != "0")
        {
            return "--" + flag.name + ": '" + value + "' is not one of true, false, 1, 0";
        }
        return "";
    }
    if (value.empty())
    {
        return "--" + flag.name + ": needs a value (--" + flag.name + "=...)";
    }
    // ns-3's CommandLine reads these values with operator>>: it would keep only the part before
    // the first blank, or print the help and exit on a blank value (found by fuzz/).
    auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    if (std::any_of(value.begin(), value.end(), blank))
    {
        return "--" + flag.name + ": '" + value + "' contains white space";
    }
    return "";
}

/** ns-3's own names: print commands, global values and "ns3::" attribute paths. */
std::string
FlagSet::CheckNs3Name(const std::string& name, const std::string& value)
{
    if (IsPrintCommand(name))
    {
        TypeId tid;
        if (name == "PrintAttributes" && !TypeId::LookupByNameFailSafe(value, &tid))
        {
            return "--" + name + ": '" + value + "' is not a TypeId"; // ns-3 would abort
        }
        return "";
    }
    bool isGlobal = std::any_of(GlobalValue::Begin(), GlobalValue::End(), [&](GlobalValue* g) {
        return g->GetName() == name;
    });
    if (!isGlobal && name.rfind("ns3::", 0) != 0)
    {
        return "--" + name + ": unknown flag (see --PrintHelp)";
    }
    // Checked here because ns-3's own parsing aborts on malformed values.
    std::string problem = isGlobal ? ScreenGlobal(name, value) : AttributeBounds::Check(name, value);
    if (problem.empty())
    {
        problem = isGlobal ? AttributeText::BindGlobal(name, value) : AttributeText::SetDefault(name, value);
    }
    return problem.empty() ? "" : "--" + name + ": " + problem;
}

std::string
FlagSet::Check(const std::vector<std::string>& args) const
{
    for (const auto& arg : args)
    {
        if (arg.rfind("--", 0) != 0)
        {
            return arg + ": unexpected argument (flags are --name=value)";
        }
        auto eq = arg.find('=');
        std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
        std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
        const Flag* flag = Find(name);
        std::string problem = flag ? CheckValue(*flag, eq != std::string::npos, value)
                                   : CheckNs3Name(name, value);
        if (!problem.empty())
        {
            return problem;
        }
    }
    return "";
}

void
FlagSet::Parse(const std::string& program, const std::string& usage, std::vector<std::string> args) const
{
    CommandLine cmd;
    cmd.Usage(usage);
    for (const auto& flag : m_flags)
    {
        if (flag.on)
        {
            cmd.AddValue(flag.name, flag.help, *flag.on);
        }
        else
        {
            cmd.AddValue(flag.name, flag.help, *flag.text);
        }
    }
    args.insert(args.begin(), program);
    cmd.Parse(args);
}

} // namespace ns3
