import { describe, expect, it } from 'vitest';
import { ClusterConfigError, clusterShape, parseControllers, parseRoles } from './cluster-config.js';

const base = { nodeId: 1, clusterId: null, roles: 'broker,controller', controllers: null };

describe('cluster shape', () => {
  it('parses roles', () => {
    expect([...parseRoles('broker,controller')]).toEqual(['broker', 'controller']);
    expect([...parseRoles(' controller ')]).toEqual(['controller']);
    expect(() => parseRoles('broker,zookeeper')).toThrow(/zookeeper/);
    expect(() => parseRoles('broker,broker')).toThrow(/twice/);
  });

  it('parses voters in id order', () => {
    expect([...parseControllers('3@c:9093, 1@a:9093,2@[::1]:9193')]).toEqual([[1, 'a:9093'], [2, '[::1]:9193'], [3, 'c:9093']]);
    expect(() => parseControllers('1@a:9093,1@b:9093')).toThrow(/twice/);
    expect(() => parseControllers('a:9093')).toThrow(/id@host:port/);
    expect(() => parseControllers('1@a:0')).toThrow(ClusterConfigError);
  });

  it('checks the rules between roles, voters and the cluster id', () => {
    expect(clusterShape(base).voters).toBeNull();
    expect(() => clusterShape({ ...base, roles: 'broker' })).toThrow(/needs --controllers/);
    expect(() => clusterShape({ ...base, controllers: '2@a:1,3@b:1', clusterId: 'x' })).toThrow(/not among the voters/);
    expect(() => clusterShape({ ...base, roles: 'broker', controllers: '1@a:1' })).toThrow(/does not run the controller role/);
    expect(() => clusterShape({ ...base, controllers: '1@a:1,2@b:1' })).toThrow(/--cluster-id/);
    expect(clusterShape({ ...base, roles: 'broker', nodeId: 4, controllers: '1@a:1,2@b:1', clusterId: 'x' }).voters?.size).toBe(2);
  });
});
