// A size or time an HTTP application draws is >= 0, or the run stops naming it (issue 20): never a
// silent clamp to 0.
#include "ns3/handshake-module.h"

#include "ns3/double.h"
#include "ns3/random-variable-stream.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace ns3;

TEST(HttpRandomDraw, AValueBelowZeroOrNotFiniteIsAProblemNamingTheAttribute)
{
    EXPECT_EQ(HttpRandomDraw::Problem(0, "HttpClientApplication::ResponseSize"), "");
    EXPECT_EQ(HttpRandomDraw::Problem(1e6, "HttpClientApplication::ResponseSize"), "");
    std::string negative = HttpRandomDraw::Problem(-2, "HttpClientApplication::ResponseSize");
    EXPECT_EQ(negative.rfind("HttpClientApplication::ResponseSize drew -2, not a value >= 0", 0), 0u) << negative;
    EXPECT_NE(HttpRandomDraw::Problem(std::nan(""), "HttpClientApplication::ThinkTime"), "");
    EXPECT_NE(HttpRandomDraw::Problem(std::numeric_limits<double>::infinity(), "X"), "");
}

TEST(HttpRandomDraw, ADrawOfAValidVariableIsItsValue)
{
    Ptr<ConstantRandomVariable> constant = CreateObject<ConstantRandomVariable>();
    constant->SetAttribute("Constant", DoubleValue(1500));
    EXPECT_EQ(HttpRandomDraw::NonNegative(constant, "HttpClientApplication::ResponseSize"), 1500);
}

TEST(HttpRandomDrawDeathTest, ANegativeDrawStopsTheRunWithItsMessage)
{
    Ptr<ConstantRandomVariable> constant = CreateObject<ConstantRandomVariable>();
    constant->SetAttribute("Constant", DoubleValue(-3));
    EXPECT_DEATH(HttpRandomDraw::NonNegative(constant, "HttpServerApplication::ResponseDelay"),
                 "HttpServerApplication::ResponseDelay drew -3, not a value >= 0");
}
