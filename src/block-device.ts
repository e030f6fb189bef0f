import { aws_kms as kms, Size } from 'aws-cdk-lib';

/** The type of an EBS volume. */
export enum EbsVolumeType {
  /** Magnetic (previous generation). */
  STANDARD = 'standard',
  /** Provisioned IOPS SSD, io1. */
  IO1 = 'io1',
  /** Provisioned IOPS SSD, io2. */
  IO2 = 'io2',
  /** General purpose SSD, gp2. */
  GP2 = 'gp2',
  /** General purpose SSD, gp3. */
  GP3 = 'gp3',
  /** Cold HDD. */
  SC1 = 'sc1',
  /** Throughput optimized HDD. */
  ST1 = 'st1',
}

/**
 * An EBS volume of a block device mapping.
 */
export interface EbsVolume {
  /**
   * The size of the volume, in whole GiB between 1 and 16000.
   *
   * @default - the size of the snapshot, or of the parent image's volume for this device
   */
  readonly volumeSize?: Size;

  /**
   * The volume type.
   *
   * @default - the parent image's volume type for this device, or EC2's default
   */
  readonly volumeType?: EbsVolumeType;

  /**
   * The IOPS to provision, between 100 and 64000. Only for `io1`, `io2` and `gp3` volumes.
   *
   * @default - the volume type's default (3000 for gp3); required by EC2 for io1 and io2
   */
  readonly iops?: number;

  /**
   * The throughput to provision, in MiB/s, between 125 and 1000. Only for `gp3` volumes.
   *
   * @default - 125 MiB/s
   */
  readonly throughput?: number;

  /**
   * Whether the volume is encrypted.
   *
   * @default - true when `kmsKey` is given; otherwise the snapshot's or the account's default encryption
   */
  readonly encrypted?: boolean;

  /**
   * The KMS key that encrypts the volume. The key policy must let the roles that launch the build
   * instance (the Image Builder service-linked role) use the key.
   *
   * @default - the AWS managed key `aws/ebs`, when the volume is encrypted
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The ID of the snapshot the volume is created from.
   *
   * @default - the parent image's snapshot for this device, or an empty volume
   */
  readonly snapshotId?: string;

  /**
   * Whether the volume is deleted when the instance terminates.
   *
   * @default - the parent image's setting, or true
   */
  readonly deleteOnTermination?: boolean;
}

/**
 * A block device of the build instance (and of the images built from it).
 *
 * Give at most one of `ebs`, `virtualName` and `noDevice`.
 */
export interface BlockDeviceMapping {
  /** The device name, for example `/dev/xvda` or `/dev/sdf`. */
  readonly deviceName: string;

  /**
   * The EBS volume to attach at this device.
   *
   * @default - no EBS settings: the parent image's mapping for this device applies
   */
  readonly ebs?: EbsVolume;

  /**
   * The instance store volume to map to this device (`ephemeral0` to `ephemeral23`).
   *
   * @default - no instance store volume
   */
  readonly virtualName?: string;

  /**
   * Removes the parent image's mapping for this device.
   *
   * @default false
   */
  readonly noDevice?: boolean;
}
