#include "http-random-draw.h"

#include "ns3/abort.h"

#include <cmath>
#include <sstream>

namespace ns3
{

std::string
HttpRandomDraw::Problem(double value, const std::string& attribute)
{
    if (std::isfinite(value) && value >= 0)
    {
        return "";
    }
    std::ostringstream text;
    text << attribute << " drew " << value
         << ", not a value >= 0: give it a distribution whose values are all >= 0 (e.g. "
            "ns3::UniformRandomVariable[Min=0|Max=2000], or a bounded ns3::NormalRandomVariable "
            "whose mean is more than Bound above 0)";
    return text.str();
}

double
HttpRandomDraw::NonNegative(Ptr<RandomVariableStream> variable, const std::string& attribute)
{
    double value = variable->GetValue();
    std::string problem = Problem(value, attribute);
    NS_ABORT_MSG_IF(!problem.empty(), problem);
    return value;
}

} // namespace ns3
