"""The library code the Redis paths replace or rely on, audited like the rest
(contract.py): python-socketio's Redis manager (TRANSPORT=stock) and what
NodeManager and RedisBus (fast) build on. (target, where, hash of its source)."""

REDIS_AUDITED: tuple[tuple[str, str, str], ...] = (
    (
        "socketio.async_pubsub_manager:AsyncPubSubManager.initialize",
        "redis_manager.py",
        "e8a2b026ecea320f",
    ),
    (
        "socketio.async_server:AsyncServer._handle_connect",
        "redis_manager.py (start_manager: manager_initialized)",
        "c97c480cf777de36",
    ),
    (
        "redis.asyncio.client:PubSub.subscribed.fget",
        "redis_manager.py (start_manager)",
        "b77fe2d91483261c",
    ),
    (
        "socketio.async_redis_manager:AsyncRedisManager._publish",
        "redis_manager.py (PooledRedisManager: reconnects through _redis_connect)",
        "033e4da7cc8768b4",
    ),
    (
        "socketio.async_redis_manager:AsyncRedisManager._redis_listen_with_retries",
        "redis_manager.py (PooledRedisManager: reconnects through _redis_connect)",
        "ad347f253fd3423a",
    ),
    (
        "socketio.async_redis_manager:AsyncRedisManager._redis_connect",
        "redis_manager.py",
        "da4530c936323c25",
    ),
    # Across processes (REDIS_URL, fast): NodeManager and RedisBus. A sid names
    # its process: engine.io makes Socket.IO's sids too.
    (
        "engineio.base_server:BaseServer.generate_id",
        "engine.py (sid_prefix)",
        "b6a591454237c0bb",
    ),
    (
        "socketio.base_manager:BaseManager.pre_connect",
        "node_manager.py (a sid from engine.io's generate_id)",
        "bfdba4c0c8f1bd8a",
    ),
    (
        "socketio.async_manager:AsyncManager.enter_room",
        "node_manager.py",
        "fc2bbb63043d4da9",
    ),
    (
        "socketio.async_manager:AsyncManager.leave_room",
        "node_manager.py",
        "2af1184b4bec1ffa",
    ),
    (
        "socketio.async_manager:AsyncManager.disconnect",
        "node_manager.py",
        "88bed2cbade06a57",
    ),
    (
        "socketio.async_manager:AsyncManager.can_disconnect",
        "node_manager.py",
        "9659ad0644120d27",
    ),
    (
        "socketio.base_manager:BaseManager.get_rooms",
        "node_manager.py (the rooms a disconnecting sid leaves)",
        "56a1017f85af9f91",
    ),
    (
        "socketio.async_server:AsyncServer.disconnect",
        "node_manager.py (can_disconnect; ignore_queue for a sid elsewhere)",
        "7d2f76686c12cc23",
    ),
    (
        "socketio.async_server:AsyncServer._handle_disconnect",
        "node_manager.py (our handler's leave_room runs before the manager's "
        "disconnect)",
        "c0b32ada5b371230",
    ),
)
