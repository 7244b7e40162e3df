#include "distribution-flag.h"

#include "ns3/attribute-text.h"
#include "ns3/random-variable-range.h"

#include "ns3/attribute.h"
#include "ns3/double.h"
#include "ns3/object-factory.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ns3
{

std::optional<double>
DistributionFlag::ParseNumber(const std::string& text)
{
    if (text.empty())
    {
        return std::nullopt;
    }
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text.c_str(), &end);
    if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value))
    {
        return std::nullopt;
    }
    return value;
}

namespace
{

/** What the flag takes, with an example that the same range accepts (the --loss error once
 *  offered Min=5|Max=100, which it then refused: issue 20). */
std::string
Describe(double minValue, double maxValue)
{
    double low = minValue;
    double high = minValue + (maxValue - minValue) / 50;
    if (minValue <= 5 && maxValue >= 100)
    {
        low = 5;
        high = 100;
    }
    std::ostringstream os;
    os << "expected a number in [" << minValue << ", " << maxValue
       << "] or a random variable such as ns3::UniformRandomVariable[Min=" << low << "|Max=" << high
       << "]";
    return os.str();
}

/** Sets each "Name=value" of "A=1|B=2" on the factory after checking it, so nothing aborts. */
std::string
SetAttributes(ObjectFactory& factory, TypeId tid, const std::string& list)
{
    std::istringstream items(list);
    std::string item;
    while (std::getline(items, item, '|'))
    {
        auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
        {
            return "attribute '" + item + "' is not of the form Name=value";
        }
        std::string name = item.substr(0, eq);
        std::string value = item.substr(eq + 1);
        TypeId::AttributeInformation info;
        if (!tid.LookupAttributeByName(name, &info))
        {
            return tid.GetName() + " has no attribute '" + name + "'";
        }
        Ptr<AttributeValue> parsed = AttributeText::Parse(info.checker, value);
        if (!parsed)
        {
            return "invalid value '" + value + "' for " + tid.GetName() + "::" + name;
        }
        factory.Set(name, *parsed);
    }
    return "";
}

} // namespace

DistributionFlag::Parsed
DistributionFlag::Parse(const std::string& text, double minValue, double maxValue, bool tailAboveMax)
{
    if (auto number = ParseNumber(text))
    {
        if (*number < minValue || *number > maxValue)
        {
            return {nullptr, "'" + text + "' is out of range: " + Describe(minValue, maxValue)};
        }
        Ptr<ConstantRandomVariable> constant = CreateObject<ConstantRandomVariable>();
        constant->SetAttribute("Constant", DoubleValue(*number));
        return {constant, ""};
    }

    auto open = text.find('[');
    std::string typeName = text.substr(0, open);
    std::string attributes;
    if (open != std::string::npos)
    {
        if (text.back() != ']')
        {
            return {nullptr, "'" + text + "': missing closing ']'"};
        }
        attributes = text.substr(open + 1, text.size() - open - 2);
    }
    TypeId tid;
    if (typeName.empty() || !TypeId::LookupByNameFailSafe(typeName, &tid))
    {
        return {nullptr, "'" + text + "': " + Describe(minValue, maxValue)};
    }
    if (!tid.IsChildOf(RandomVariableStream::GetTypeId()))
    {
        return {nullptr, "'" + typeName + "' is not a random variable"};
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    std::string error = SetAttributes(factory, tid, attributes);
    if (!error.empty())
    {
        return {nullptr, error};
    }
    Ptr<RandomVariableStream> stream = factory.Create<RandomVariableStream>();
    auto range = RandomVariableRange::Of(stream);
    if (!range)
    {
        return {nullptr, "'" + typeName + "': the range of its draws cannot be told from its " +
                             "attributes; " + Describe(minValue, maxValue)};
    }
    bool tailAllowed = tailAboveMax && std::isinf(range->high);
    if (range->low < minValue || (range->high > maxValue && !tailAllowed))
    {
        std::ostringstream os;
        os << "'" << text << "' draws values in [" << range->low << ", " << range->high
           << "], outside [" << minValue << ", " << maxValue << "]"
           << (std::isinf(range->low) || std::isinf(range->high) ? " (set its Bound)" : "");
        return {nullptr, os.str()};
    }
    return {stream, ""};
}

} // namespace ns3
