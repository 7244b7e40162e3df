#include "svg-histogram.h"

#include "ns3/html-text.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

// Geometry of the drawing, in SVG user units (px).
const double WIDTH = 440;
const double HEIGHT = 240;
const double LEFT = 64;
const double RIGHT = 16;
const double TOP = 28;   // room for the percentile legend
const double BOTTOM = 48; // tick labels and the axis title
const double PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const double PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
/** The bars aim at this many bins; RoundStep keeps them at most twice as many. */
const double TARGET_BINS = 20;
/** All values positive and the largest this many times the smallest: a log-scaled axis. */
const double LOG_RATIO = 20;

const char* const PERCENTILE_COLORS[] = {"#333", "#d9822b", "#c23030"};

} // namespace

SvgHistogram::SvgHistogram(const std::vector<double>& values, const Percentiles& percentiles)
    : m_percentiles(percentiles)
{
    auto [low, high] = std::minmax_element(values.begin(), values.end());
    m_min = *low;
    m_max = *high;
    // Round trips and retransmission timeouts differ by a factor of ten or more: on a linear axis the
    // first would all fall in one or two bars.
    m_log = m_min > 0 && m_max / m_min >= LOG_RATIO;
    if (m_log)
    {
        LogBins(values);
    }
    else
    {
        LinearBins(values);
    }
}

void
SvgHistogram::LinearBins(const std::vector<double>& values)
{
    double p99 = m_percentiles.p99;
    bool longTail = p99 > m_min && m_max - m_min > 3 * (p99 - m_min);
    double end = longTail ? p99 : m_max;
    double range = end - m_min;
    double fallback = m_min != 0 ? std::fabs(m_min) / 10 : 1; // one value: a bar of a tenth of it
    // Values equal but for float noise (TIME_WAITs of 240000 and 240000.00000000003 ms) are one
    // value: bins narrower than the doubles can tell apart would never end.
    bool spread = range > 1e-9 * std::max(1.0, std::fabs(end));
    m_width = RoundStep(spread ? range / TARGET_BINS : fallback);
    double start = std::floor(m_min / m_width) * m_width;
    size_t bins = static_cast<size_t>(std::floor((end - start) / m_width)) + 1;
    bins = std::min(bins, MAX_BINS);
    for (size_t i = 0; i < bins; ++i)
    {
        m_bins.push_back({start + i * m_width, start + (i + 1) * m_width, 0});
    }
    double binsEnd = m_bins.back().to;
    for (double v : values)
    {
        if (v >= binsEnd)
        {
            ++m_overflow;
            continue;
        }
        double index = std::floor((v - start) / m_width);
        m_bins[std::min(bins - 1, static_cast<size_t>(std::max(0.0, index)))].count++;
    }
}

void
SvgHistogram::LogBins(const std::vector<double>& values)
{
    // Edges at 10^(k / perDecade): the same ones for every sample, and at most MAX_BINS of them.
    double decades = std::ceil(std::log10(m_max / m_min)) + 1;
    double perDecade = 1;
    for (double candidate : {10.0, 5.0, 2.0})
    {
        if (decades * candidate <= MAX_BINS)
        {
            perDecade = candidate;
            break;
        }
    }
    double first = std::floor(std::log10(m_min) * perDecade);
    double last = std::floor(std::log10(m_max) * perDecade);
    size_t bins = std::min(MAX_BINS, static_cast<size_t>(last - first) + 1);
    for (size_t i = 0; i < bins; ++i)
    {
        double from = std::pow(10, (first + i) / perDecade);
        m_bins.push_back({from, std::pow(10, (first + i + 1) / perDecade), 0});
    }
    for (double v : values)
    {
        double index = std::floor(std::log10(v) * perDecade) - first;
        m_bins[std::min(bins - 1, static_cast<size_t>(std::max(0.0, index)))].count++;
    }
}

const std::vector<SvgHistogram::Bin>&
SvgHistogram::Bins() const
{
    return m_bins;
}

size_t
SvgHistogram::Overflow() const
{
    return m_overflow;
}

bool
SvgHistogram::LogScale() const
{
    return m_log;
}

double
SvgHistogram::Max() const
{
    return m_max;
}

double
SvgHistogram::RoundStep(double step)
{
    double power = std::pow(10, std::floor(std::log10(step)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
    {
        if (m * power >= step * (1 - 1e-9))
        {
            return m * power;
        }
    }
    return 10 * power;
}

std::string
SvgHistogram::Label(double value, double step)
{
    int decimals = std::max(0, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    std::ostringstream os;
    os << std::fixed << std::setprecision(std::min(decimals, 6)) << value;
    return os.str();
}

double
SvgHistogram::X(double value) const
{
    double from = m_bins.front().from;
    double to = m_bins.back().to;
    double width = m_overflow ? PLOT_WIDTH * 0.9 : PLOT_WIDTH;
    if (m_log)
    {
        return LEFT + std::log10(value / from) / std::log10(to / from) * width;
    }
    return LEFT + (value - from) / (to - from) * width;
}

std::vector<double>
SvgHistogram::Ticks() const
{
    double from = m_bins.front().from;
    double to = m_bins.back().to;
    std::vector<double> ticks;
    if (!m_log)
    {
        double step = RoundStep((to - from) / 5);
        for (double tick = std::ceil(from / step) * step; tick <= to + step * 1e-9; tick += step)
        {
            ticks.push_back(tick);
        }
        return ticks;
    }
    // 1, 2, 5 times each power of ten; only the powers when the axis spans many decades.
    bool wide = std::log10(to / from) > 4;
    for (double power = std::pow(10, std::floor(std::log10(from))); power <= to; power *= 10)
    {
        for (double m : {1.0, 2.0, 5.0})
        {
            if (m * power >= from * (1 - 1e-9) && m * power <= to * (1 + 1e-9) && (m == 1 || !wide))
            {
                ticks.push_back(m * power);
            }
        }
    }
    return ticks;
}

std::string
SvgHistogram::Text(double value) const
{
    if (!m_log)
    {
        return Label(value, m_width);
    }
    // Three significant digits at most, no trailing zeros: 20, 126, 1000, 12.6, 0.5.
    int decimals = value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3;
    std::string text = Label(value, std::pow(10, -decimals));
    if (text.find('.') != std::string::npos)
    {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
        {
            text.pop_back();
        }
    }
    return text;
}

/**
 * The log axis' ticks whose labels do not overlap: powers of ten first, then the 5s and 2s where
 * they fit (issue 20: "10000200005000100000" where the 2s and 5s of a wide axis ran together).
 * A label is LABEL_CHAR_WIDTH per character wide (11 px digits are about 6 px) plus LABEL_GAP.
 */
std::vector<double>
SvgHistogram::VisibleTicks() const
{
    std::vector<double> ticks = Ticks();
    if (!m_log)
    {
        return ticks;
    }
    auto mantissa = [](double tick) {
        return std::round(tick / std::pow(10, std::floor(std::log10(tick) + 1e-9)));
    };
    std::vector<double> kept;
    for (double wanted : {1.0, 5.0, 2.0})
    {
        for (double tick : ticks)
        {
            if (mantissa(tick) != wanted)
            {
                continue;
            }
            double half = Text(tick).size() * LABEL_CHAR_WIDTH / 2;
            bool fits = std::all_of(kept.begin(), kept.end(), [&](double other) {
                double otherHalf = Text(other).size() * LABEL_CHAR_WIDTH / 2;
                return std::abs(X(tick) - X(other)) >= half + otherHalf + LABEL_GAP;
            });
            if (fits)
            {
                kept.push_back(tick);
            }
        }
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

void
SvgHistogram::AxisX(std::ostream& os) const
{
    double baseline = TOP + PLOT_HEIGHT;
    std::vector<double> ticks = VisibleTicks();
    double step = ticks.size() > 1 ? ticks[1] - ticks[0] : m_width;
    for (double tick : ticks)
    {
        double x = X(tick);
        os << "<line class=\"tick\" x1=\"" << x << "\" y1=\"" << baseline << "\" x2=\"" << x
           << "\" y2=\"" << baseline + 4 << "\"/><text x=\"" << x << "\" y=\"" << baseline + 16
           << "\" text-anchor=\"middle\">" << (m_log ? Text(tick) : Label(tick, step)) << "</text>";
    }
    for (size_t i = 0; i < 3; ++i)
    {
        double p = i == 0 ? m_percentiles.p50 : i == 1 ? m_percentiles.p90 : m_percentiles.p99;
        const char* name = i == 0 ? "p50" : i == 1 ? "p90" : "p99";
        double legendX = LEFT + i * PLOT_WIDTH / 3;
        os << "<line x1=\"" << legendX << "\" y1=\"10\" x2=\"" << legendX + 14
           << "\" y2=\"10\" stroke=\"" << PERCENTILE_COLORS[i] << "\" stroke-dasharray=\"4 2\"/>"
           << "<text x=\"" << legendX + 18 << "\" y=\"14\">" << name << " " << Label(p, 0.1)
           << "</text>";
        if (p <= m_bins.back().to)
        {
            double x = X(p);
            os << "<line class=\"pct\" x1=\"" << x << "\" y1=\"" << TOP << "\" x2=\"" << x << "\" y2=\""
               << baseline << "\" stroke=\"" << PERCENTILE_COLORS[i] << "\"/>";
        }
    }
}

void
SvgHistogram::AxisY(std::ostream& os, size_t top) const
{
    double step = std::max(1.0, RoundStep(top / 4.0));
    for (double tick = 0; tick <= top + 1e-9; tick += step)
    {
        double y = TOP + PLOT_HEIGHT - tick / top * PLOT_HEIGHT;
        os << "<line class=\"gridline\" x1=\"" << LEFT << "\" y1=\"" << y << "\" x2=\"" << LEFT + PLOT_WIDTH
           << "\" y2=\"" << y << "\"/><text x=\"" << LEFT - 6 << "\" y=\"" << y + 4
           << "\" text-anchor=\"end\">" << Label(tick, 1) << "</text>";
    }
}

std::string
SvgHistogram::Svg(const std::string& quantity, const std::string& unit, const std::string& yLabel) const
{
    size_t highest = m_overflow;
    for (const auto& bin : m_bins)
    {
        highest = std::max(highest, bin.count);
    }
    // The y axis ends on a round count at or above the highest bar.
    double yStep = std::max(1.0, RoundStep(highest / 4.0));
    size_t top = static_cast<size_t>(std::ceil(highest / yStep) * yStep);
    double to = m_bins.back().to;
    double baseline = TOP + PLOT_HEIGHT;

    std::ostringstream os;
    os << std::setprecision(6);
    os << "<svg class=\"histogram\" width=\"" << WIDTH << "\" height=\"" << HEIGHT << "\" viewBox=\"0 0 "
       << WIDTH << " " << HEIGHT << "\" role=\"img\">";
    AxisY(os, top);
    for (const auto& bin : m_bins)
    {
        double h = double(bin.count) / top * PLOT_HEIGHT;
        os << "<rect class=\"bar\" x=\"" << X(bin.from) + 0.5 << "\" y=\"" << baseline - h
           << "\" width=\"" << std::max(0.5, X(bin.to) - X(bin.from) - 1) << "\" height=\"" << h
           << "\"><title>" << Text(bin.from) << " to " << Text(bin.to) << " " << HtmlEscape(unit)
           << ": " << bin.count << "</title></rect>";
    }
    if (m_overflow)
    {
        double h = double(m_overflow) / top * PLOT_HEIGHT;
        double x = LEFT + PLOT_WIDTH * 0.93;
        os << "<rect class=\"bar overflow\" x=\"" << x << "\" y=\"" << baseline - h << "\" width=\""
           << PLOT_WIDTH * 0.07 << "\" height=\"" << h << "\"><title>" << Text(to) << " to " << Text(m_max)
           << " "
           << HtmlEscape(unit) << ": " << m_overflow << "</title></rect><text x=\""
           << x + PLOT_WIDTH * 0.035 << "\" y=\"" << baseline + 30 << "\" text-anchor=\"middle\">&#8805;"
           << Text(to) << "</text>";
    }
    AxisX(os);
    os << "<line class=\"axis\" x1=\"" << LEFT << "\" y1=\"" << baseline << "\" x2=\"" << LEFT + PLOT_WIDTH
       << "\" y2=\"" << baseline << "\"/><line class=\"axis\" x1=\"" << LEFT << "\" y1=\"" << TOP
       << "\" x2=\"" << LEFT << "\" y2=\"" << baseline << "\"/>";
    os << "<text class=\"title\" x=\"" << LEFT + PLOT_WIDTH / 2 << "\" y=\"" << HEIGHT - 6
       << "\" text-anchor=\"middle\">" << HtmlEscape(quantity) << " ("
       << HtmlEscape(unit) << (m_log ? ", log scale" : "") << ")</text>";
    os << "<text class=\"title\" transform=\"translate(14 " << TOP + PLOT_HEIGHT / 2
       << ") rotate(-90)\" text-anchor=\"middle\">" << HtmlEscape(yLabel) << "</text>";
    os << "</svg>";
    return os.str();
}

} // namespace ns3
