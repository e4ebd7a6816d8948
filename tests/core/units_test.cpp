#include "opensam/core/units.hpp"

#include <gtest/gtest.h>

namespace opensam::core {
namespace {

double si(std::string_view text, Dimension d) {
  const auto p = parse_quantity(text, d);
  EXPECT_TRUE(p.quantity.has_value()) << text << ": " << p.error;
  return p.quantity ? p.quantity->value : -1.0;
}

std::string error(std::string_view text, Dimension d) {
  const auto p = parse_quantity(text, d);
  EXPECT_FALSE(p.quantity.has_value()) << text;
  return p.error;
}

// Exact definitions: 1 ft = 0.3048 m, 1 nmi = 1852 m (international agreements of 1959, 1929).
TEST(ParseQuantity, ConvertsLengthsToMetres) {
  EXPECT_DOUBLE_EQ(si("250 km", Dimension::kLength), 250000.0);
  EXPECT_DOUBLE_EQ(si("35000 ft", Dimension::kLength), 10668.0);
  EXPECT_DOUBLE_EQ(si("10 nmi", Dimension::kLength), 18520.0);
  EXPECT_DOUBLE_EQ(si("12.5 m", Dimension::kLength), 12.5);
  EXPECT_DOUBLE_EQ(si("12.5m", Dimension::kLength), 12.5);
  EXPECT_DOUBLE_EQ(si("1e3 m", Dimension::kLength), 1000.0);
}

TEST(ParseQuantity, BareNumberIsSi) { EXPECT_DOUBLE_EQ(si("42", Dimension::kLength), 42.0); }

TEST(ParseQuantity, ConvertsSpeeds) {
  EXPECT_DOUBLE_EQ(si("360 km/h", Dimension::kSpeed), 100.0);
  EXPECT_DOUBLE_EQ(si("3600 kt", Dimension::kSpeed), 1852.0);
  EXPECT_DOUBLE_EQ(si("250 m/s", Dimension::kSpeed), 250.0);
}

TEST(ParseQuantity, KeepsMachForLaterConversion) {
  const auto p = parse_quantity("Mach 2.5", Dimension::kSpeed);
  ASSERT_TRUE(p.quantity);
  EXPECT_TRUE(p.quantity->mach);
  EXPECT_DOUBLE_EQ(p.quantity->value, 2.5);
  EXPECT_TRUE(parse_quantity("mach 0.8", Dimension::kSpeed).quantity->mach);
}

TEST(ParseQuantity, ConvertsAnglesTimesAndFrequencies) {
  EXPECT_NEAR(si("180 deg", Dimension::kAngle), 3.14159265358979, 1e-12);
  EXPECT_NEAR(si("6400 mil", Dimension::kAngle), 2 * 3.14159265358979, 1e-12);
  EXPECT_DOUBLE_EQ(si("1.5 h", Dimension::kTime), 5400.0);
  EXPECT_DOUBLE_EQ(si("2 min", Dimension::kTime), 120.0);
  EXPECT_DOUBLE_EQ(si("250 ms", Dimension::kTime), 0.25);
  EXPECT_DOUBLE_EQ(si("3 GHz", Dimension::kFrequency), 3e9);
  EXPECT_DOUBLE_EQ(si("150 MHz", Dimension::kFrequency), 1.5e8);
}

// Standard gravity: 9.80665 m/s2 by definition (3rd CGPM, 1901).
TEST(ParseQuantity, ConvertsAccelerationsInG) {
  EXPECT_DOUBLE_EQ(si("3 g", Dimension::kAcceleration), 3.0 * 9.80665);
  EXPECT_DOUBLE_EQ(si("20 m/s2", Dimension::kAcceleration), 20.0);
  EXPECT_FALSE(parse_quantity("3 g", Dimension::kLength).quantity);
}

TEST(ParseQuantity, ConvertsPressures) {
  EXPECT_DOUBLE_EQ(si("35 kPa", Dimension::kPressure), 35000.0);
  EXPECT_NEAR(si("5 psi", Dimension::kPressure), 34473.786, 1e-3);
}

// Decibel definitions: P[dBW] = 10 log10(P / 1 W); dBm against 1 mW; dBsm against 1 m2.
TEST(ParseQuantity, ConvertsDecibelUnitsToLinear) {
  EXPECT_NEAR(si("-20 dBsm", Dimension::kArea), 0.01, 1e-15);
  EXPECT_NEAR(si("10 dBsm", Dimension::kArea), 10.0, 1e-12);
  EXPECT_NEAR(si("60 dBW", Dimension::kPower), 1e6, 1e-6);
  EXPECT_NEAR(si("30 dBm", Dimension::kPower), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(si("2.5 MW", Dimension::kPower), 2.5e6);
  EXPECT_DOUBLE_EQ(si("0.01 m2", Dimension::kArea), 0.01);
  EXPECT_DOUBLE_EQ(si("-3 dB", Dimension::kDecibel), -3.0);
}

TEST(ParseQuantity, NamesTheDimensionOfAWrongUnit) {
  EXPECT_EQ(error("250 km", Dimension::kSpeed), "'250 km' is a length; a speed takes m/s, km/h, kt, Mach N");
  EXPECT_EQ(error("Mach 2", Dimension::kLength), "'Mach 2' is a speed; a length takes m, km, ft, nmi");
}

TEST(ParseQuantity, SuggestsTheNearestUnit) {
  EXPECT_EQ(error("250 kmh", Dimension::kSpeed),
            "unknown unit 'kmh' (did you mean 'km/h'?); a speed takes m/s, km/h, kt, Mach N");
  EXPECT_EQ(error("3 parsecs", Dimension::kLength), "unknown unit 'parsecs'; a length takes m, km, ft, nmi");
}

TEST(ParseQuantity, RejectsNonNumbers) {
  EXPECT_EQ(error("fast", Dimension::kSpeed),
            "'fast' is not a speed: expected a number, then a unit (m/s, km/h, kt, Mach N)");
  EXPECT_EQ(error("", Dimension::kTime), "empty value; expected a time");
  EXPECT_EQ(error("Mach fast", Dimension::kSpeed), "'Mach fast' is not a Mach number; write e.g. 'Mach 2'");
  EXPECT_EQ(error("inf m", Dimension::kLength), "'inf m' is not a finite number");
  EXPECT_EQ(error("nan", Dimension::kLength), "'nan' is not a finite number");
  EXPECT_EQ(error("1e999 m", Dimension::kLength),
            "'1e999 m' is not a length: expected a number, then a unit (m, km, ft, nmi)");
}

}  // namespace
}  // namespace opensam::core
