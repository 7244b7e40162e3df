#include "http-request-record.h"

namespace ns3
{

std::string
HttpRequestRecord::OutcomeName(Outcome outcome)
{
    switch (outcome)
    {
    case Outcome::OK:
        return "ok";
    case Outcome::CONNECT_FAILED:
        return "connect-failed";
    case Outcome::RESET:
        return "reset";
    case Outcome::TIMEOUT:
        return "timeout";
    case Outcome::BAD_RESPONSE:
        return "bad-response";
    case Outcome::BODY_MISMATCH:
        return "body-mismatch";
    case Outcome::UNFINISHED:
        return "unfinished";
    case Outcome::DNS_FAILED:
        return "dns-failed";
    }
    return "unknown";
}

} // namespace ns3
