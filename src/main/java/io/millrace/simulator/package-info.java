/**
 * The plant simulator: a deterministic generator of realistic, valid manufacturing event traffic
 * for given plants ({@link io.millrace.simulator.PlantTraffic}), driven by master data read from
 * the hub or from JSON ({@link io.millrace.simulator.MasterDataSet}), and a paced, retrying HTTP
 * sender that feeds it to a running hub ({@link io.millrace.simulator.TrafficSender}).
 */
package io.millrace.simulator;
