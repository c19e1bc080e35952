/**
 * The machine: arch profiles as data, machine and device configuration, devices, and
 * {@link org.dmasim.engine.machine.Machine}, which owns one run's state.
 */
package org.dmasim.engine.machine;
