package main

import "math/rand/v2"

// injectionPlan is the set of changes to print and what they plant.
type injectionPlan struct {
	tweaks  map[string]tweak
	records []injection
}

func planInjections(rng *rand.Rand, d *Doc) injectionPlan {
	return injectionPlan{}
}
